/**
 * The action's bundle defines each of our error classes once. ncc gives every
 * dynamic import its own chunk with its own copy of the modules it shares with
 * another chunk; two copies of a class make `instanceof` fail across them (a
 * request timeout thrown by the client's copy read as a network error by the
 * comment's). action/github-edge.ts is the one lazily loaded module that keeps
 * them together; this checks the built files (`npm run build`).
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertFreshBundles, REPO_ROOT } from '../helpers/spawn.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the action bundle and its chunks', () => {
  test('define each error class of src/ exactly once', () => {
    assertFreshBundles();
    const classes = sources(join(REPO_ROOT, 'src')).flatMap((text) =>
      [...text.matchAll(/export class (\w+) extends Error/g)].map((m) => m[1]),
    );
    expect(classes).toContain('RequestTimeoutError');
    const dist = join(REPO_ROOT, 'dist');
    const bundle = readdirSync(dist)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dist, name), 'utf8'))
      .join('\n');
    const counts = Object.fromEntries(classes.map((name) => [name, bundle.split(new RegExp(`class ${name}\\b`)).length - 1]));
    expect(counts).toEqual(Object.fromEntries(classes.map((name) => [name, 1])));
  });
});
