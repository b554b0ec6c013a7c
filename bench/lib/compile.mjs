/**
 * Compiles src/ with the project's own tsc into a temp directory, for the
 * statistical studies that call the forecasting code in process (the
 * calibration and power studies). The performance figures run the shipped
 * bundles instead; the studies measure what the code computes, not how fast.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** Returns `load(relativePath)`, which imports a compiled module of src/ (e.g. 'forecast/forecast-behavior.js'). */
export function compileSource() {
  // Inside node_modules so the compiled files resolve the project's dependencies; rebuilt on every run.
  const out = join(root, 'node_modules/.cache/tailgate-study');
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(root, 'tsconfig.json'),
      '--noEmit',
      'false',
      '--sourceMap',
      'false',
      '--outDir',
      out,
    ],
    { stdio: 'inherit' },
  );
  return { dir: out, load: (path) => import(pathToFileURL(join(out, 'src', path)).href) };
}
