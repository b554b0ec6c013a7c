#!/usr/bin/env node
// `npm test`: the type check (`tsc --noEmit`: ts-jest only transpiles, it checks no types) and the
// jest suite, side by side rather than one after the other. On the 2-core development machine tsc
// alone would hold one core for about 10 s before jest starts; beside jest it fills the time the
// end-to-end tests spend waiting on the bundles they spawn. Arguments go to jest
// (`npm test -- --json --outputFile=r.json`). Exit code: jest's when it fails, else tsc's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const jest = require.resolve('jest/bin/jest');

function run(args, opts) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, opts);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ');
const [types, suite] = await Promise.all([
  // Captured, and printed after jest's own report, so the two never interleave.
  run([tsc, '--noEmit'], { stdio: ['ignore', 'pipe', 'pipe'] }),
  run([jest, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } }),
]);
if (types.code !== 0) {
  process.stderr.write(`\ntsc --noEmit found type errors:\n${types.output}`);
} else {
  process.stderr.write('tsc --noEmit: no type errors\n');
}
process.exitCode = suite.code !== 0 ? suite.code : types.code;
