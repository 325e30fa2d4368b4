// String and list lowering helpers return the pointer and leave the length here, which saves
// allocating a pair on every call.
let loweredLength = 0;
