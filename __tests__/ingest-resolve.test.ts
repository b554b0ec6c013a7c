import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/ingest/format.js';
import { resolveGlobs } from '../src/ingest/resolve.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tailgate-glob-'));
  // Layout:
  //   results/a.jsonl  results/b.jsonl  results/skip.jsonl  results/notes.txt
  //   results/nested/c.jsonl  results/dir.jsonl/ (a directory)  other/d.csv
  //   outside/x.jsonl, linked into results/link.jsonl and results/linkdir/
  for (const d of ['results/nested', 'results/dir.jsonl', 'other', 'outside']) mkdirSync(join(root, d), { recursive: true });
  for (const f of [
    'results/a.jsonl',
    'results/b.jsonl',
    'results/skip.jsonl',
    'results/notes.txt',
    'results/nested/c.jsonl',
    'other/d.csv',
    'outside/x.jsonl',
  ]) {
    writeFileSync(join(root, f), '{}\n');
  }
  symlinkSync(join(root, 'outside/x.jsonl'), join(root, 'results/link.jsonl'));
  symlinkSync(join(root, 'outside'), join(root, 'results/linkdir'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const names = async (patterns: string[], max?: number) => (await resolveGlobs(patterns, root, max)).map((f) => f.name);

describe('resolveGlobs', () => {
  test('files only, sorted, posix names relative to cwd, absolute paths; links skipped', async () => {
    const files = await resolveGlobs(['results/**/*.jsonl'], root);
    // dir.jsonl is a directory; link.jsonl and linkdir/ are symbolic links: none is returned.
    expect(files.map((f) => f.name)).toEqual(['results/a.jsonl', 'results/b.jsonl', 'results/nested/c.jsonl', 'results/skip.jsonl']);
    expect(files[0].path).toBe(join(root, 'results/a.jsonl'));
  });

  test('exclusions apply to every pattern; overlapping patterns are de-duplicated', async () => {
    expect(await names(['results/*.jsonl', 'results/a.*', '!results/skip.jsonl', 'other/*.csv'])).toEqual([
      'other/d.csv',
      'results/a.jsonl',
      'results/b.jsonl',
    ]);
  });

  test('blank entries are ignored (newline-separated input)', async () => {
    expect(await names(['', '  results/a.jsonl  ', ''])).toEqual(['results/a.jsonl']);
  });

  test('a pattern matching nothing names the glob and the directory', async () => {
    const err = await resolveGlobs(['results/*.jsonl', 'reslts/*.jsonl'], root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toContain(`results: the glob 'reslts/*.jsonl' matched no files (searched in ${root})`);
  });

  test('a pattern whose matches are all excluded is also an error, and says so', async () => {
    await expect(resolveGlobs(['results/skip.jsonl', '!results/skip*'], root)).rejects.toThrow(
      "results: the glob 'results/skip.jsonl' matched no files after the exclusions '!results/skip*'",
    );
  });

  test('only exclusions, or nothing, is an error', async () => {
    await expect(resolveGlobs(['!x', ' '], root)).rejects.toThrow(/results: no glob to search for/);
  });

  test('more files than the cap is an InputError naming the limit', async () => {
    // 4 .jsonl files under results/ (see layout): a cap of 4 passes, 3 fails.
    expect(await names(['results/**/*.jsonl'], 4)).toHaveLength(4);
    await expect(resolveGlobs(['results/**/*.jsonl'], root, 3)).rejects.toThrow('results: the globs matched more than 3 files (the limit)');
  });
});
