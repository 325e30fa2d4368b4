// A wasi:cli/run command: prints its arguments and the `GREETING` environment variable;
// the argument `fail` makes it fail (a throw from `run` is its `err`: exit code 1, the
// Error printed on stderr).
import { getArguments, getEnvironment } from 'wasi:cli/environment@0.2.6';

export const run = {
  run() {
    const [program, ...args] = getArguments();
    const greeting = getEnvironment().find(([name]) => name === 'GREETING')?.[1] ?? 'hello';
    console.log(`${greeting} from ${program}, ${args.length} argument(s)`);
    for (const arg of args) console.log(`- ${arg}`);
    if (args.includes('fail')) {
      console.error('failing, as asked');
      throw new Error('asked to fail');
    }
  },
};
