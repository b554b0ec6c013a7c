/**
 * The REAL @actions/artifact client against the loopback fakes in
 * helpers/fake-artifact-service.ts. The library fixes GITHUB_API_URL when it
 * is first imported, so the fake starts and the environment is set before
 * the dynamic import of download.ts (which imports the library).
 */
import { jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../../src/domain/errors.js';
import { ingestFiles } from '../../../src/ingest/ingest.js';
import { artifactGroupFiles, type ArtifactDirectory } from '../../../src/sources/artifact-files.js';
import type { ArtifactSettings } from '../../../src/config/settings.js';
import { FakeArtifactService, zipStored, type FakeArtifact } from '../../helpers/fake-artifact-service.js';
import { fileSource } from '../../../src/sources/file-source.js';

/** The `results` group alone over the artifacts (empty `patterns`: every file). */
async function artifactSourceFiles(downloaded: ArtifactDirectory[], patterns: string[] = [], maxFiles?: number) {
  const [files] = await artifactGroupFiles(downloaded, [{ label: 'results', patterns }], maxFiles);
  return files ?? [];
}

let fake: FakeArtifactService;
let downloadArtifacts: typeof import('../../../src/github/artifacts/download.js').downloadArtifacts;
let artifactClient: typeof import('../../../src/github/artifacts/client.js').actionsArtifactClient;
let dest: string;
let stdout: string[] = [];
const savedEnv = { ...process.env };

const thisRun = (selection: ArtifactSettings['selection']): ArtifactSettings => ({ selection, scope: { kind: 'this-run' } });
const otherRun = (selection: ArtifactSettings['selection']): ArtifactSettings => ({
  selection,
  scope: { kind: 'other-run', runId: 4242, owner: 'octo-org', repo: 'evals' },
});
/** The real client, built as main.ts builds it: with the token and the runner's variables (read live, so a test may delete one). */
const download = (settings: ArtifactSettings, opts: { destination: string }, token = fake.restToken) =>
  downloadArtifacts(settings, { ...opts, client: artifactClient({ token, env: process.env }) });
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const zipArtifact = (id: number, name: string, files: Record<string, string>): FakeArtifact => ({
  id,
  name,
  bytes: zipStored(Object.entries(files).map(([n, data]) => ({ name: n, data }))),
});

/** Runs `fn`, expecting a rejection; returns the error for further checks. */
async function failure(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection, got success');
}

const realConsoleError = console.error;

beforeAll(async () => {
  // Octokit binds console.error when it is imported, so it is replaced before the import.
  console.error = (...args: unknown[]) => void stdout.push(args.map(String).join(' '));
  fake = await FakeArtifactService.start();
  Object.assign(process.env, fake.env());
  for (const v of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ACTIONS_ARTIFACT_MAX_ARTIFACT_COUNT']) delete process.env[v];
  ({ downloadArtifacts } = await import('../../../src/github/artifacts/download.js'));
  ({ actionsArtifactClient: artifactClient } = await import('../../../src/github/artifacts/client.js'));
});

afterAll(async () => {
  console.error = realConsoleError;
  await fake.close();
  process.env = savedEnv;
});

beforeEach(async () => {
  fake.reset();
  Object.assign(process.env, fake.env());
  dest = await mkdtemp(path.join(os.tmpdir(), 'tailgate-artifacts-'));
  // @actions/core logs with process.stdout.write (and Octokit with console.error, see beforeAll):
  // keep both, to check no token is ever printed.
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(async () => {
  jest.restoreAllMocks();
  expect(stdout.join('')).not.toContain(fake.restToken);
  await rm(dest, { recursive: true, force: true });
});

describe('this run (Twirp results service)', () => {
  test('downloads one artifact by name into destination/<name>/, keeping its folders', async () => {
    fake.thisRun = [
      zipArtifact(11, 'eval-main', { 'results.jsonl': '{"query_id":"q1","label":1}\n', 'logs/extra.jsonl': 'x\n' }),
      zipArtifact(12, 'coverage', { 'lcov.info': 'TN:\n' }),
    ];
    const { artifacts } = await download(thisRun({ kind: 'names', names: ['eval-main'] }), { destination: dest });

    expect(artifacts).toEqual([{ name: 'eval-main', id: 11, directory: path.join(dest, 'eval-main'), files: 2 }]);
    expect(await readFile(path.join(dest, 'eval-main', 'results.jsonl'), 'utf8')).toBe('{"query_id":"q1","label":1}\n');
    expect(await readFile(path.join(dest, 'eval-main', 'logs', 'extra.jsonl'), 'utf8')).toBe('x\n');
    // Only the artifact directory remains: the staging area is removed, the other artifact never fetched.
    expect(await readdir(dest)).toEqual(['eval-main']);
    const routes = fake.requests.map((r) => r.route);
    // list, then the client's own list by id, the signed URL, the blob.
    expect(routes).toEqual(['ListArtifacts', 'ListArtifacts', 'GetSignedArtifactURL', 'blob']);
    expect(fake.requests[0].authorization).toBe(`Bearer ${fake.runtimeToken()}`);
    expect(fake.requests[3].authorization).toBeUndefined(); // the blob store never sees a credential
  });

  test('merges three matrix shards selected by pattern into one evaluation set', async () => {
    // Shard rows (native JSONL, docs/formats.md). By hand, behaviour "jailbreak":
    //   q1: shard-1 samples 0 (hit) and 1 (miss)          → hits 1, k 2
    //   q2: shard-1 sample 0 (miss), shard-2 sample 1 (hit) → hits 1, k 2
    //   q3: shard-2 sample 0 (hit), shard-3 sample 0 again (hit): the same
    //       (query, sample id) twice → merged as an extra sample and counted
    //       as 1 duplicate                                   → hits 2, k 2
    //   q4: shard-3 sample 0 (miss)                          → hits 0, k 1
    //   rows 3 + 2 + 2 = 7, duplicates 1.
    // Behaviour "toxicity": q1 miss (shard-1), q5 hit (shard-3) → rows 2, duplicates 0.
    fake.thisRun = [
      zipArtifact(21, 'eval-shard-1', {
        'shard-1.jsonl': jsonl([
          { query_id: 'q1', behavior: 'jailbreak', sample: 0, label: 1 },
          { query_id: 'q1', behavior: 'jailbreak', sample: 1, label: 0 },
          { query_id: 'q2', behavior: 'jailbreak', sample: 0, label: 0 },
          { query_id: 'q1', behavior: 'toxicity', sample: 0, label: 0 },
        ]),
      }),
      zipArtifact(22, 'eval-shard-2', {
        'more/shard-2.jsonl': jsonl([
          { query_id: 'q2', behavior: 'jailbreak', sample: 1, label: 1 },
          { query_id: 'q3', behavior: 'jailbreak', sample: 0, label: 1 },
        ]),
      }),
      zipArtifact(23, 'eval-shard-3', {
        'shard-3.jsonl': jsonl([
          { query_id: 'q3', behavior: 'jailbreak', sample: 0, label: 1 },
          { query_id: 'q4', behavior: 'jailbreak', sample: 0, label: 0 },
          { query_id: 'q5', behavior: 'toxicity', sample: 0, label: 1 },
        ]),
      }),
      zipArtifact(24, 'eval-summary', { 'notes.txt': 'not a shard' }),
    ];
    const { artifacts } = await download(thisRun({ kind: 'pattern', patterns: ['eval-shard-?'] }), { destination: dest });
    expect(artifacts.map((a) => a.name)).toEqual(['eval-shard-1', 'eval-shard-2', 'eval-shard-3']);

    const files = await artifactSourceFiles(artifacts);
    expect(files.map((f) => f.name)).toEqual([
      'artifact:eval-shard-1/shard-1.jsonl',
      'artifact:eval-shard-2/more/shard-2.jsonl',
      'artifact:eval-shard-3/shard-3.jsonl',
    ]);
    expect(files[1].path).toBe(path.join(dest, 'eval-shard-2', 'more', 'shard-2.jsonl'));

    const { samples } = await ingestFiles(files.map(fileSource), { format: 'auto', mapping: {} });
    const perQuery = (name: string) => {
      const s = samples.find((b) => b.name === name)!;
      return Object.fromEntries(s.queryIds.map((q, i) => [q, [s.hits[i], s.samples[i]]]));
    };
    expect(samples.map((s) => s.name)).toEqual(['jailbreak', 'toxicity']);
    expect(perQuery('jailbreak')).toEqual({ q1: [1, 2], q2: [1, 2], q3: [2, 2], q4: [0, 1] });
    expect(perQuery('toxicity')).toEqual({ q1: [0, 1], q5: [1, 1] });
    expect(samples.map((s) => [s.rows, s.duplicates])).toEqual([
      [7, 1],
      [2, 0],
    ]);
  });

  test('keeps a raw (archive: false) upload as one file named after the artifact', async () => {
    fake.thisRun = [{ id: 31, name: 'scores.jsonl', bytes: Buffer.from('{"query_id":"a","label":0}\n') }];
    const { artifacts } = await download(thisRun({ kind: 'names', names: ['scores.jsonl'] }), { destination: dest });
    expect(artifacts[0].files).toBe(1);
    expect(await readFile(path.join(dest, 'scores.jsonl', 'scores.jsonl'), 'utf8')).toBe('{"query_id":"a","label":0}\n');
  });

  test('a name that does not exist lists the names the run has', async () => {
    fake.thisRun = [zipArtifact(41, 'eval-main', { 'a.jsonl': '' }), zipArtifact(42, 'coverage', { b: '' })];
    const err = await failure(() => download(thisRun({ kind: 'names', names: ['eval-mian'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain("no artifact named 'eval-mian' in this workflow run");
    expect(err.message).toContain("the run has: 'coverage', 'eval-main'.");
    expect(fake.requests.map((r) => r.route)).toEqual(['ListArtifacts']); // nothing downloaded
  });

  test('403 from the results service says the runtime token was refused and how to read artifacts otherwise', async () => {
    fake.faults.set('ListArtifacts', { status: 403, body: JSON.stringify({ code: 'permission_denied', msg: 'denied' }) });
    const err = await failure(() => download(thisRun({ kind: 'pattern', patterns: ['*'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain("the runner's artifact service answered 403");
    expect(err.message).toContain('ACTIONS_RUNTIME_TOKEN');
    expect(err.message).toContain('`run-id`');
    expect(err.message).not.toContain(fake.runtimeToken());
  });

  test('without ACTIONS_RUNTIME_TOKEN it fails before any request and says why', async () => {
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    const err = await failure(() => download(thisRun({ kind: 'names', names: ['eval-main'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('ACTIONS_RUNTIME_TOKEN is not set');
    expect(err.message).toContain('`uses:` step');
    expect(fake.requests).toEqual([]);
  });

  test('without ACTIONS_RESULTS_URL likewise, naming that variable', async () => {
    delete process.env.ACTIONS_RESULTS_URL;
    const err = await failure(() => download(thisRun({ kind: 'names', names: ['eval-main'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('ACTIONS_RESULTS_URL is not set');
    expect(fake.requests).toEqual([]);
  });

  test('a zip entry that climbs out of the artifact directory is refused and nothing lands outside it', async () => {
    fake.thisRun = [zipArtifact(51, 'evil', { 'ok.jsonl': '{}\n', '../escaped.txt': 'gotcha' })];
    const err = await failure(() => download(thisRun({ kind: 'names', names: ['evil'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    // yauzl (under src/ingest/zip.ts) refuses `..` names while reading the central directory;
    // extract.ts's safeSegments is the second guard (tested in __tests__/github/artifacts/extract.test.ts).
    expect(err.message).toMatch(/^artifact:evil: .*\.\.\/escaped\.txt/);
    expect(existsSync(path.join(dest, 'escaped.txt'))).toBe(false);
  });

  test('bytes that do not match the listed digest are an error, not data to gate on', async () => {
    fake.thisRun = [{ ...zipArtifact(61, 'eval-main', { 'a.jsonl': '{}\n' }), digest: `sha256:${'0'.repeat(64)}` }];
    const err = await failure(() => download(thisRun({ kind: 'names', names: ['eval-main'] }), { destination: dest }));
    expect(err).not.toBeInstanceOf(InputError);
    expect(err.message).toContain("downloading artifact 'eval-main' of this workflow run: the downloaded bytes do not match");
  });
});

describe('another run (REST API with github-token)', () => {
  /** 150 artifacts: the client lists 100 per page, so two pages. */
  const nightly = () =>
    Array.from({ length: 150 }, (_, i) =>
      zipArtifact(1000 + i, `nightly-${String(i).padStart(3, '0')}`, { [`r${i}.jsonl`]: `{"query_id":"q${i}","label":1}\n` }),
    );

  test('lists both pages and downloads by name through the 302 to the blob store', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, nightly());
    const { artifacts } = await download(otherRun({ kind: 'names', names: ['nightly-007', 'nightly-142'] }), {
      destination: dest,
    });
    expect(artifacts.map((a) => [a.name, a.id])).toEqual([
      ['nightly-007', 1007],
      ['nightly-142', 1142],
    ]);
    expect(await readFile(path.join(dest, 'nightly-142', 'r142.jsonl'), 'utf8')).toBe('{"query_id":"q142","label":1}\n');

    const lists = fake.requests.filter((r) => r.route === 'rest-list').map((r) => new URL(r.url, fake.url).searchParams.get('page'));
    expect(lists).toEqual(['1', '2']);
    expect(fake.requests.filter((r) => r.route === 'rest-zip').map((r) => r.url)).toEqual([
      '/repos/octo-org/evals/actions/artifacts/1007/zip',
      '/repos/octo-org/evals/actions/artifacts/1142/zip',
    ]);
    for (const r of fake.requests) {
      expect(r.authorization).toBe(r.route === 'blob' ? undefined : `token ${fake.restToken}`);
    }
  });

  test('needs no runner variables: only the REST API and the token', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, [zipArtifact(5, 'eval', { 'r.jsonl': '{}\n' })]);
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    delete process.env.ACTIONS_RESULTS_URL;
    const { artifacts } = await download(otherRun({ kind: 'names', names: ['eval'] }), { destination: dest });
    expect(artifacts.map((a) => a.files)).toEqual([1]);
  });

  test('a re-run that uploaded the same name again: the newest artifact (highest id) is read', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, [
      zipArtifact(5, 'eval', { 'r.jsonl': 'attempt 1\n' }),
      zipArtifact(9, 'eval', { 'r.jsonl': 'attempt 2\n' }),
    ]);
    const { artifacts } = await download(otherRun({ kind: 'names', names: ['eval'] }), { destination: dest });
    expect(artifacts.map((a) => a.id)).toEqual([9]);
    expect(await readFile(path.join(dest, 'eval', 'r.jsonl'), 'utf8')).toBe('attempt 2\n');
  });

  test('a pattern that matches nothing lists at most 20 existing names', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, nightly());
    const err = await failure(() => download(otherRun({ kind: 'pattern', patterns: ['weekly-*'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain("no artifact matches 'weekly-*' in run 4242 of octo-org/evals");
    // Names sorted; the 21st (nightly-020) and later are summarised.
    expect(err.message).toContain("'nightly-019' (and 130 more)");
    expect(err.message).not.toContain('nightly-020');
  });

  test('403 says the github-token lacks actions: read on that repository', async () => {
    fake.faults.set('rest-list', { status: 403, body: JSON.stringify({ message: 'Resource not accessible by integration' }) });
    const err = await failure(() => download(otherRun({ kind: 'pattern', patterns: ['*'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('GitHub answered 403 (Resource not accessible by integration)');
    expect(err.message).toContain('the github-token lacks `actions: read` on octo-org/evals');
    expect(err.message).not.toContain(fake.restToken);
  });

  test('a wrong token (401) gets the same advice, and the token is not echoed', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, nightly());
    const wrong = 'ghp_WrongToken9876543210zyxwvutsrqponm';
    const err = await failure(() => download(otherRun({ kind: 'pattern', patterns: ['*'] }), { destination: dest }, wrong));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('GitHub answered 401 (Bad credentials)');
    expect(err.message).not.toContain(wrong);
    expect(stdout.some((line) => line.includes('- 401 with id'))).toBe(true); // Octokit's request log is captured…
    expect(stdout.join('')).not.toContain(wrong); // …and holds no token
  });

  test('a 404 run names run-id and repository', async () => {
    const err = await failure(() => download(otherRun({ kind: 'pattern', patterns: ['*'] }), { destination: dest }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('Check `run-id` 4242 and `repository` octo-org/evals');
  });

  test('an HTML error page is trimmed to its title and a token inside it is redacted', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, nightly());
    // A proxy page that (badly) echoes the request, credentials included.
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>token ${fake.restToken}</body></html>`;
    fake.faults.set('rest-zip', { status: 502, body: page, contentType: 'text/html' });
    const err = await failure(() => download(otherRun({ kind: 'names', names: ['nightly-001'] }), { destination: dest }));
    expect(err).not.toBeInstanceOf(InputError);
    expect(err.message).toBe(
      "downloading artifact 'nightly-001' of run 4242 of octo-org/evals failed: an HTML error page titled '502 Bad Gateway'",
    );
  });

  test('a JSON error message that contains the token is redacted', async () => {
    fake.setOtherRun('octo-org', 'evals', 4242, nightly());
    fake.faults.set('rest-zip', { status: 422, body: JSON.stringify({ message: `bad request for ${fake.restToken}` }) });
    const err = await failure(() => download(otherRun({ kind: 'names', names: ['nightly-001'] }), { destination: dest }));
    expect(err.message).toContain('failed: bad request for ***');
    expect(err.message).not.toContain(fake.restToken);
  });
});
