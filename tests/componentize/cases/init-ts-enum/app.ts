// `enum` needs code generated: strip-only TypeScript refuses it, at its position.
const unit: string = 'px';
enum Color { Red, Green }
export function color(): string {
  return Color[Color.Red] + unit;
}
