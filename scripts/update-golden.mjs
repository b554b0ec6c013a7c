#!/usr/bin/env node
// Regenerate the report golden files (__tests__/golden/) on purpose, after an
// intended change to the renderers. Review the diff before committing: the
// golden test compares byte for byte and fails on any other difference.
//
// The worked examples (red-team.*, baseline-example.*) are the pipeline's own
// output on examples/red-team and examples/baseline, so they also change when
// the forecast or those files change: the README quotes them, so update the
// README's copies in the same commit.
//
//   node scripts/update-golden.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, '__tests__/report/golden.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UPDATE_GOLDEN: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
