// What a build of dist/ was made from: a sha256 of the sources (every src/**/*.ts, as its path and
// its bytes, in path order) and of each bundle it wrote. `npm run build` records it in dist/
// (scripts/stamp-dist.mjs); the e2e tests compare it with what they see (__tests__/helpers/spawn.ts),
// so a change to src/ without a rebuild, or a bundle restored from git after the build, fails with
// "run npm run build" instead of testing an old bundle. Hashes rather than mtimes: a fresh clone
// gives every file the checkout time, in no particular order.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Where the build records it, relative to the repository root. */
export const STAMP_PATH = 'dist/source-hash.txt';
/** The two entry bundles a build writes, relative to the repository root. */
export const BUNDLES = ['dist/index.js', 'dist/cli/index.js'];

/**
 * Every bundle file in dist/ and dist/cli/: the entries and the chunks ncc splits off for dynamic
 * imports (`<id>.index.js`, loaded only on the paths that need them), relative to `root`, sorted.
 */
export function bundleFiles(root) {
  return ['dist', 'dist/cli']
    .flatMap((dir) => {
      let names = [];
      try {
        names = readdirSync(join(root, dir));
      } catch {
        return [];
      }
      return names.filter((name) => name.endsWith('.js')).map((name) => `${dir}/${name}`);
    })
    .sort();
}

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

/** `src/ <hash>` and `<bundle> <hash>` lines: what a build records, and what the tests expect to find. */
export function buildRecord(root) {
  const bundles = bundleFiles(root).map(
    (file) =>
      `${file} ${createHash('sha256')
        .update(readFileSync(join(root, file)))
        .digest('hex')}`,
  );
  return [`src/ ${sourceHash(root)}`, ...bundles].join('\n') + '\n';
}
