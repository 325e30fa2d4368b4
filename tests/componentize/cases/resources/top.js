import { makeBlob, drops } from 'test:res/store';
import { visit, consume, visitLater } from 'test:res/visitor';

export function runVisit() {
  const before = drops();
  const a = makeBlob('four');
  const out = [visit(a), visit(a), visitLater(a), a.size(), drops() - before];
  out.push(consume(a), drops() - before);
  try {
    a.size();
  } catch (e) {
    out.push(e.constructor.name);
  }
  return out.join(' ');
}
