/**
 * The files tailgate writes (src/output-files.ts): checked before any work,
 * with an error naming the input, and written whole.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/domain/errors.js';
import { checkOutputPath, checkReportPaths, writeFileWhole } from '../../src/sources/output-files.js';

let ws: string;
let outside: string;
beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'tailgate-out-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'tailgate-out-elsewhere-'));
  mkdirSync(join(ws, 'reports'));
  writeFileSync(join(ws, 'plain.txt'), 'a file\n');
  symlinkSync(outside, join(ws, 'linked'));
  symlinkSync(join(outside, 'target.json'), join(ws, 'link.json'));
});
afterAll(() => {
  rmSync(ws, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const REPORT = 'Input `report-path`';
const check = (value: string, label = REPORT) => checkOutputPath(value, label, ws, 'workspace');
const refusal = (value: string, label = REPORT) =>
  check(value, label).then(
    () => 'accepted',
    (e: unknown) => e,
  );

describe('checkOutputPath', () => {
  test('a file in the workspace, new folders included, is accepted and made absolute', async () => {
    expect(await check('tailgate-report.json')).toBe(join(ws, 'tailgate-report.json'));
    expect(await check('out/deep/r.json')).toBe(join(ws, 'out/deep/r.json'));
    // An absolute path names its place on purpose (e.g. ${{ runner.temp }}).
    expect(await check(join(outside, 'r.json'))).toBe(join(outside, 'r.json'));
  });

  // `<ws>` and `<out>` stand for the two directories (made in beforeAll, after this table is read).
  test.each([
    ['a directory', 'reports', 'is a directory; give a file name, e.g. reports/tailgate-report.json'],
    ['a path below a regular file', 'plain.txt/r.json', '<ws>/plain.txt is a file, so <ws>/plain.txt/r.json cannot be created below it'],
    ['a relative path that leaves the workspace', '../r.json', '../r.json leaves the workspace'],
    ['a link', 'link.json', 'is a symbolic link; tailgate never writes through a link'],
    ['a folder linked outside the workspace', 'linked/r.json', 'the link linked -> <out> takes it outside'],
  ])('%s is an InputError naming the input', async (_case, value, says) => {
    const err = await refusal(value);
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toContain(`${REPORT}: `);
    expect(String(err)).toContain(says.replaceAll('<ws>', ws).replaceAll('<out>', outside));
  });

  test('the Markdown input is named as such', async () => {
    expect(String(await refusal('reports', 'Input `markdown-path`'))).toContain('Input `markdown-path`: ');
  });

  // root may write anywhere, so the permission check cannot be seen failing as root.
  (process.getuid?.() === 0 ? test.skip : test)('a folder the job cannot write to is refused', async () => {
    const locked = join(ws, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      expect(String(await refusal('locked/r.json'))).toContain(`cannot write in ${locked} (permission denied)`);
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  test('the CLI scope may name a relative path outside its directory', async () => {
    expect(await checkOutputPath('../r.json', '--json', join(ws, 'reports'), 'named')).toBe(join(ws, 'r.json'));
  });
});

test('checkReportPaths refuses the same file for both', async () => {
  await expect(checkReportPaths({ reportPath: 'r.json', markdownPath: './r.json' }, ws)).rejects.toThrow(
    `Inputs \`report-path\` and \`markdown-path\` both name ${join(ws, 'r.json')}`,
  );
});

describe('writeFileWhole', () => {
  test('writes, replaces, and leaves no temporary file', async () => {
    const file = join(ws, 'new/w.json');
    await writeFileWhole(file, 'one', REPORT);
    await writeFileWhole(file, 'two', REPORT);
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(join(ws, 'new'))).toEqual(['w.json']);
  });

  test('a failure names the input and leaves the old file as it was', async () => {
    const dir = join(ws, 'keep');
    mkdirSync(join(dir, 'w.json'), { recursive: true }); // a directory where the file should go: rename fails
    await expect(writeFileWhole(join(dir, 'w.json'), 'new', REPORT)).rejects.toThrow(`${REPORT}: cannot write ${join(dir, 'w.json')}`);
    expect(readdirSync(dir)).toEqual(['w.json']);
  });
});
