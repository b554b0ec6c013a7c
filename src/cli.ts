#!/usr/bin/env node
/**
 * CLI entry (`tailgate`, dist/cli/index.js): everything happens in main(),
 * the CLI's one failure sink. The exit code is set, not forced, so pending
 * output is flushed before the process ends.
 */
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
