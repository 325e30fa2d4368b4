import type { Shape } from './geometry.js';
import { polygonArea, type Point } from './geometry.js';

abstract class Named {
  protected abstract readonly kind: string;
  describe(): string {
    return `a ${this.kind}`;
  }
}

class Circle extends Named implements Iterable<number> {
  protected readonly kind = 'circle';
  private radius: number;
  constructor(radius: number) {
    super();
    this.radius = radius;
  }
  area(): number {
    return Math.PI * this.radius ** 2;
  }
  *[Symbol.iterator](): Iterator<number> {
    yield this.radius;
  }
}

class Stack<T> {
  #items: T[] = [];
  push(item: T): this {
    this.#items.push(item);
    return this;
  }
  peek(): T | undefined {
    return this.#items.at(-1);
  }
}

function assertNever(x: never): never {
  throw new TypeError(`not a shape: ${JSON.stringify(x)}`);
}

export const shapes = {
  area(s: Shape): number {
    switch (s.tag) {
      case 'circle':
        return new Circle(s.val).area();
      case 'polygon':
        return polygonArea(s.val);
      default:
        return assertNever(s);
    }
  },
  describe(s: Shape): string {
    const text = s.tag === 'circle' ? new Circle(s.val).describe() : `a polygon of ${(s.val satisfies Point[]).length} points`;
    console.log(text);
    return text;
  },
};

export function stackTop(items: string[]): string | null {
  const stack = new Stack<string>();
  for (const item of items) stack.push(item);
  return stack.peek() ?? null;
}

// The stack of an error thrown from TypeScript names the .ts file, at the line and column
// the TypeScript source has (types are blanked, not removed).
export function throwsAt(): string {
  const error = new Error('from TypeScript');
  return (error.stack ?? '').split('\n')[0]!.trim();
}
