// The fingerprint of the sources a bundle was built from: sha256 over every
// src/**/*.ts, each as its path and its bytes, in path order. `npm run build`
// records it in dist/ (scripts/stamp-dist.mjs); the e2e tests compare it with
// the sources they see (__tests__/helpers/spawn.ts), so a change to src/
// without a rebuild fails with "run npm run build" instead of testing the old
// bundle. A hash rather than mtimes: a fresh clone gives every file the
// checkout time, in no particular order.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Where the build records the hash, relative to the repository root. */
export const STAMP_PATH = 'dist/source-hash.txt';

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The hex sha256 of `root`/src's .ts files (paths with `/`, so the hash is the same on every OS). */
export function sourceHash(root) {
  const hash = createHash('sha256');
  const files = tsFiles(join(root, 'src'))
    .map((path) => ({ path, name: relative(root, path).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { path, name } of files) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}
