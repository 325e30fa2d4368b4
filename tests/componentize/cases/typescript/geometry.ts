// Types only: every line of this module but the functions is erased.
export interface Point {
  x: number;
  y: number;
}

export type Shape = { tag: 'circle'; val: number } | { tag: 'polygon'; val: Point[] };

/** The shoelace formula. */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length] as Point;
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}
