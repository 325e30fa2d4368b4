// A resource object keeps its handle's rep under `resourceRep`: `undefined` once the object
// was disposed or its ownership moved into a component.
const resourceRep = Symbol('ferry.rep');
const symbolDispose = Symbol.dispose ?? Symbol.for('dispose');
// The rep of `value`, an object of the component-defined resource class `cls`.
function resourceRepOf(value, cls, where) {
  const rep = value instanceof cls ? value[resourceRep] : undefined;
  if (rep !== undefined) return rep;
  if (value instanceof cls) throw new TypeError(`${where}: this ${cls.name} was disposed or moved into the component`);
  throw badValue(where, cls.name, value);
}
// A host-defined resource object is its own rep: it only has to be of the host's class.
function checkHostResource(value, cls, where) {
  if (!(value instanceof cls)) throw badValue(where, cls.name, value);
}
