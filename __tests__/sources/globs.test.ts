import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/domain/errors.js';
import { resolveGlobs } from '../../src/sources/globs.js';

let top: string;
let root: string;
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'tailgate-glob-'));
  root = join(top, 'ws');
  // The workspace `ws/`:
  //   results/a.jsonl  results/b.jsonl  results/skip.jsonl  results/notes.txt
  //   results/nested/c.jsonl  results/dir.jsonl/ (a directory)  other/d.csv
  //   kept/x.jsonl, linked into results/link.jsonl (a file link) and results/linkdir/ (a directory link)
  // Beside it, outside the workspace: outside/data/secret.jsonl.
  for (const d of ['ws/results/nested', 'ws/results/dir.jsonl', 'ws/other', 'ws/kept', 'outside/data'])
    mkdirSync(join(top, d), { recursive: true });
  for (const f of [
    'ws/results/a.jsonl',
    'ws/results/b.jsonl',
    'ws/results/skip.jsonl',
    'ws/results/notes.txt',
    'ws/results/nested/c.jsonl',
    'ws/other/d.csv',
    'ws/kept/x.jsonl',
    'outside/data/secret.jsonl',
  ]) {
    writeFileSync(join(top, f), '{}\n');
  }
  symlinkSync(join(root, 'kept/x.jsonl'), join(root, 'results/link.jsonl'));
  symlinkSync(join(root, 'kept'), join(root, 'results/linkdir'));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

const names = async (patterns: string[], max?: number) => (await resolveGlobs(patterns, root, max)).map((f) => f.name);

describe('resolveGlobs', () => {
  test('files only, sorted, posix names relative to cwd, real paths; a link to a file inside is read, a linked directory is not crawled', async () => {
    const files = await resolveGlobs(['results/**/*.jsonl'], root);
    // dir.jsonl is a directory; linkdir/ is a link to a directory, which `**` does not descend.
    expect(files.map((f) => f.name)).toEqual([
      'results/a.jsonl',
      'results/b.jsonl',
      'results/link.jsonl',
      'results/nested/c.jsonl',
      'results/skip.jsonl',
    ]);
    expect(files[0].path).toBe(join(realpathSync(root), 'results/a.jsonl'));
    // The link is read as what it points to, inside the workspace.
    expect(files[2].path).toBe(join(realpathSync(root), 'kept/x.jsonl'));
    expect(files.every((f) => f.root === realpathSync(root))).toBe(true);
  });

  test('exclusions apply to every pattern; overlapping patterns are de-duplicated', async () => {
    expect(await names(['results/*.jsonl', 'results/a.*', '!results/skip.jsonl', '!results/link.jsonl', 'other/*.csv'])).toEqual([
      'other/d.csv',
      'results/a.jsonl',
      'results/b.jsonl',
    ]);
  });

  test('a file and a link to it are one file (de-duplicated by real path)', async () => {
    expect(await names(['kept/x.jsonl', 'results/link.jsonl'])).toEqual(['kept/x.jsonl']);
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
    // 5 .jsonl files under results/ (see the first test): a cap of 5 passes, 4 fails.
    expect(await names(['results/**/*.jsonl'], 5)).toHaveLength(5);
    await expect(resolveGlobs(['results/**/*.jsonl'], root, 4)).rejects.toThrow('results: the globs matched more than 4 files (the limit)');
  });
});

describe('resolveGlobs: no way out of the workspace', () => {
  let ws: string;
  let outside: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'tailgate-escape-ws-'));
    outside = mkdtempSync(join(tmpdir(), 'tailgate-escape-out-'));
    mkdirSync(join(outside, 'data'));
    writeFileSync(join(outside, 'data/secret.jsonl'), '{"query_id":"q","label":1}\n');
    mkdirSync(join(ws, 'sub'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data/in.jsonl'), '{}\n');
    symlinkSync(join(outside, 'data'), join(ws, 'evals')); // a directory link out
    symlinkSync(join(outside, 'data/secret.jsonl'), join(ws, 'sub/filelink.jsonl')); // a file link out
    symlinkSync('data', join(ws, 'inlink')); // a directory link that stays inside
    symlinkSync('../data/in.jsonl', join(ws, 'sub/inside.jsonl')); // a file link that stays inside
  });
  afterAll(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const refusal = (patterns: string[]) => resolveGlobs(patterns, ws).catch((e: unknown) => e);
  const secret = () => realpathSync(join(outside, 'data/secret.jsonl'));

  // [case, glob, what it matched, the link, the link's target below `outside`, the match's real path below `outside`]
  test.each([
    ['a glob through a directory link', 'evals/*.jsonl', 'evals/secret.jsonl', 'evals', 'data', 'data/secret.jsonl'],
    ['a literal path through a directory link', 'evals/secret.jsonl', 'evals/secret.jsonl', 'evals', 'data', 'data/secret.jsonl'],
    ['the directory link itself', 'evals', 'evals', 'evals', 'data', 'data'],
    ['a glob matching a file link', 'sub/*.jsonl', 'sub/filelink.jsonl', 'sub/filelink.jsonl', 'data/secret.jsonl', 'data/secret.jsonl'],
    ['a literal file link', 'sub/filelink.jsonl', 'sub/filelink.jsonl', 'sub/filelink.jsonl', 'data/secret.jsonl', 'data/secret.jsonl'],
  ])('%s is refused, naming the glob and the link', async (_case, pattern, matched, link, target, real) => {
    const err = await refusal([pattern]);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toContain(
      `results: the glob '${pattern}' matched ${matched}, but the link ${link} -> ${join(outside, target)} takes it outside the workspace`,
    );
    expect(String(err)).toContain(`(real path ${realpathSync(join(outside, real))})`);
  });

  test('a path that names a place outside the workspace is refused', async () => {
    const err = await refusal([join(outside, 'data/*.jsonl')]);
    expect(String(err)).toContain(
      `matched ${join('..', outside.split('/').pop() ?? '', 'data/secret.jsonl')}, which is outside the workspace`,
    );
    expect(String(await refusal(['../' + (outside.split('/').pop() ?? '') + '/data/secret.jsonl']))).toContain(
      'which is outside the workspace',
    );
  });

  test('links that stay inside are accepted, read as their targets', async () => {
    const files = await resolveGlobs(['inlink/*.jsonl', 'sub/inside.jsonl'], ws);
    // Both name the same real file: one entry.
    expect(files).toEqual([
      { path: realpathSync(join(ws, 'data/in.jsonl')), name: 'inlink/in.jsonl', root: realpathSync(ws), rootName: 'the workspace' },
    ]);
  });

  test('the workspace itself may be reached through a link', async () => {
    const alias = join(outside, 'ws-alias');
    symlinkSync(ws, alias);
    expect((await resolveGlobs(['data/*.jsonl'], alias)).map((f) => f.name)).toEqual(['data/in.jsonl']);
  });

  test("the CLI's `named` scope: a glob naming a directory outside the working directory is confined to that directory", async () => {
    const files = await resolveGlobs([join(outside, 'data/*.jsonl')], ws, undefined, 'named');
    expect(files.map((f) => f.path)).toEqual([secret()]);
    // …but a relative glob through a link is refused as in the action.
    await expect(resolveGlobs(['evals/*.jsonl'], ws, undefined, 'named')).rejects.toThrow(/takes it outside the working directory/);
  });
});
