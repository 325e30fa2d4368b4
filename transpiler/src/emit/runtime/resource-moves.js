// Owned resources moved into a component while an export's arguments are lowered, as
// functions that undo the moves: if a later argument is rejected before the call reaches
// the component, the JS objects keep their resources.
const movedResources = [];
function undoResourceMoves() {
  for (let i = movedResources.length - 1; i >= 0; i--) movedResources[i]();
  movedResources.length = 0;
}
