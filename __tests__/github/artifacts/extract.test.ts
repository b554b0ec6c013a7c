import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { statusOf, translateFailure, trimDetail } from '../../../src/github/artifacts/errors.js';
import { placeDownload, safeSegments, type PlaceOptions } from '../../../src/github/artifacts/extract.js';
import { InputError } from '../../../src/domain/errors.js';
import { LIMITS } from '../../../src/domain/limits.js';
import { zipStored } from '../../helpers/fake-artifact-service.js';

let root: string;
let staged: string;
let target: string;
const options = (limit = 1e9): PlaceOptions => ({ ...LIMITS, budget: { used: 0, limit } });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tailgate-extract-'));
  staged = path.join(root, 'staged');
  target = path.join(root, 'target');
  await mkdir(staged);
  await mkdir(target);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('safeSegments', () => {
  test.each([
    ['a/b.jsonl', ['a', 'b.jsonl']],
    ['./a//b.jsonl', ['a', 'b.jsonl']],
    ['a\\b.jsonl', ['a', 'b.jsonl']], // a Windows separator is a separator
  ])('%p → %p', (entry, segments) => {
    expect(safeSegments(entry, 'artifact:x')).toEqual(segments);
  });

  test.each(['../up.txt', 'a/../../up.txt', 'a\\..\\..\\up.txt', '/etc/passwd', '\\\\server\\share', 'C:\\x', 'c:x', 'a\0b'])(
    '%p is refused',
    (entry) => {
      expect(() => safeSegments(entry, 'artifact:x')).toThrow(InputError);
    },
  );
});

describe('placeDownload', () => {
  test('a zip is extracted entry by entry, folders kept', async () => {
    await writeFile(
      path.join(staged, 'eval.zip'),
      zipStored([
        { name: 'a.jsonl', data: 'A' },
        { name: 'sub/b.jsonl', data: 'BB' },
      ]),
    );
    const budget = options();
    expect(await placeDownload(staged, target, 'eval', budget)).toBe(2);
    expect(await readFile(path.join(target, 'sub', 'b.jsonl'), 'utf8')).toBe('BB');
    expect(budget.budget.used).toBe(3); // 1 + 2 bytes
  });

  test('an Inspect .eval uploaded raw (itself a zip with header.json) is kept whole', async () => {
    const log = zipStored([
      { name: 'header.json', data: '{}' },
      { name: 'summaries.json', data: '[]' },
    ]);
    await writeFile(path.join(staged, 'artifact'), log);
    expect(await placeDownload(staged, target, 'run-1.eval', options())).toBe(1);
    expect(await readFile(path.join(target, 'run-1.eval'))).toEqual(log);
  });

  test('a zipped artifact whose name ends in .eval but holds no log at its root is extracted', async () => {
    await writeFile(path.join(staged, 'artifact'), zipStored([{ name: 'logs/run-1.eval', data: 'PK' }]));
    expect(await placeDownload(staged, target, 'logs.eval', options())).toBe(1);
    expect(await readdir(path.join(target, 'logs'))).toEqual(['run-1.eval']);
  });

  test('an entry over maxEntryBytes is refused (zip bomb guard from src/ingest/zip.ts)', async () => {
    await writeFile(path.join(staged, 'z.zip'), zipStored([{ name: 'big.jsonl', data: 'x'.repeat(100) }]));
    const run = placeDownload(staged, target, 'z', { ...options(), maxEntryBytes: 99 });
    await expect(run).rejects.toThrow('over the limit of 99 bytes per entry');
  });

  test('the shared byte budget is charged across calls', async () => {
    const budget = options(5);
    await writeFile(path.join(staged, 'artifact'), 'abc'); // raw, 3 bytes
    await placeDownload(staged, target, 'one.jsonl', budget);
    await writeFile(path.join(staged, 'artifact'), 'abc'); // 6 > 5
    await expect(placeDownload(staged, target, 'two.jsonl', budget)).rejects.toThrow('more than 5 bytes');
  });

  test('an entry that is both a file and a folder prefix is an InputError, nothing overwritten', async () => {
    await writeFile(
      path.join(staged, 'z.zip'),
      zipStored([
        { name: 'a', data: 'file' },
        { name: 'a/b', data: 'x' },
      ]),
    );
    await expect(placeDownload(staged, target, 'z', options())).rejects.toThrow('artifact:z (zip entry a/b): cannot write it');
    expect(await readFile(path.join(target, 'a'), 'utf8')).toBe('file');
  });
});

describe('error translation', () => {
  const other = { kind: 'other-run', runId: 9, owner: 'o', repo: 'r' } as const;

  test('statusOf reads Octokit status and the Twirp client message', () => {
    expect(statusOf(Object.assign(new Error('x'), { status: 403 }))).toBe(403);
    expect(statusOf(new Error('Failed to ListArtifacts: Received non-retryable error: Failed request: (401) Unauthorized'))).toBe(401);
    expect(statusOf(new Error('socket hang up (502)'))).toBeUndefined();
  });

  test('a 403 that is a rate limit is not blamed on permissions', () => {
    const err = Object.assign(new Error('API rate limit exceeded for installation ID 1.'), { status: 403 });
    const out = translateFailure(err, { action: 'listing artifacts', scope: other });
    expect(out).not.toBeInstanceOf(InputError);
    expect(out.message).toBe('listing artifacts of run 9 of o/r failed: API rate limit exceeded for installation ID 1.');
  });

  test('GHES is named with a way out', () => {
    const err = Object.assign(new Error('not supported'), { name: 'GHESNotSupportedError' });
    expect(translateFailure(err, { action: 'listing artifacts', scope: { kind: 'this-run' } }).message).toContain(
      'does not support GitHub Enterprise Server',
    );
  });

  test('trimDetail: secrets (longest first), HTML without a title, whitespace, length', () => {
    expect(trimDetail('a ghs_secretsecret2 b ghs_secretsecret', ['ghs_secretsecret', 'ghs_secretsecret2'])).toBe('a *** b ***');
    expect(trimDetail('<html><body>oops</body></html>', [])).toBe('an HTML error page');
    expect(trimDetail('  line one\n\n line two ', [])).toBe('line one line two');
    expect(trimDetail('x'.repeat(400), [])).toBe(`${'x'.repeat(297)}...`);
    expect(trimDetail('', [])).toBe('no details');
  });
});
