// `ferry types tests/components/cells/wit`: the provider's class, and a consumer that
// passes the imported `cell` (implemented by the host) to the component.
import { cells } from './out/types-cells-provider/provider.js';
import { user, type TestCellsCells } from './out/types-cells-consumer/consumer.js';

const cell = new cells.Cell(1);
cell.set(cell.get() + 1);
cell[Symbol.dispose]();

const made: TestCellsCells.Cell = user.make(3);
user.double(made);
const sum: number = user.sum(made, made);
const taken: number = user.take(made);
