// `ferry transpile pipeline.wasm`: a composition with no imports left.
import { run, runSummary } from './out/pipeline/pipeline.js';

const shouted: string = run('a b');
const summary: string = runSummary('a bb ccc');
