#!/usr/bin/env node
// `npx ferry transpile|types|run`: the CLI of src/cli.js.
import { main } from '../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
