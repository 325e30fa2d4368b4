const floatBits = new DataView(new ArrayBuffer(8));
function f32FromBits(bits) {
  floatBits.setInt32(0, bits, true);
  return floatBits.getFloat32(0, true);
}
function bitsFromF32(value) {
  floatBits.setFloat32(0, value, true);
  return floatBits.getInt32(0, true);
}
function f64FromBits(bits) {
  floatBits.setBigInt64(0, bits, true);
  return floatBits.getFloat64(0, true);
}
function bitsFromF64(value) {
  floatBits.setFloat64(0, value, true);
  return floatBits.getBigInt64(0, true);
}
