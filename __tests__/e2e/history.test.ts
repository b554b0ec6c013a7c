/**
 * End-to-end: the forecast history in the BUILT action (dist/index.js),
 * against the loopback fake of the contents API whose every request and
 * answer is checked against GitHub's OpenAPI description
 * (helpers/fake-contents-api.ts). The eval is examples/baseline/current.jsonl
 * (two behaviours, 1,500 queries each), with 200 bootstrap resamples so each
 * run takes a second or two.
 *
 * What is expected follows from the events and the files set up here, not
 * from the code's output: the pushed sha is the record's commit; two pushes
 * whose reads are held until both have read the same version collide, so one
 * write gets a 409 and is retried (three PUTs, two records); a history whose
 * forecasts are 1e-12 puts any current lower end above 2 × 1e-12, so
 * `fail-creep: 2x` fires.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendRecord, emptyHistory, historyText, parseHistory } from '../../src/decisions/history/record.js';
import type { HistoryRecord } from '../../src/domain/history.js';
import type { Report } from '../../src/domain/report.js';
import { startFakeContents, type FakeContents } from '../helpers/fake-contents-api.js';
import { actionsEnv } from '../helpers/fake-github.js';
import { assertFreshBundles, REPO_ROOT } from '../helpers/spawn.js';
import { removeSpawnDirs, spawnAction, tempDir, type SpawnedRun } from '../helpers/spawn-action.js';

const EVAL = readFileSync(join(REPO_ROOT, 'examples/baseline/current.jsonl'), 'utf8');
const SHA_A = 'a1'.repeat(20);
const SHA_B = 'b2'.repeat(20);
const MAIN_HEAD = 'c3'.repeat(20);
const INPUTS = {
  results: 'current.jsonl',
  'deployment-volume': '1M',
  bootstrap: '200',
  'github-token': 'ghs_fake_history_token',
  comment: 'off',
  history: 'branch',
};

let fake: FakeContents;
let started = false;
beforeAll(() => assertFreshBundles());
afterEach(async () => {
  if (!started) return;
  expect(fake.violations).toEqual([]);
  await fake.close();
  started = false;
});

async function startFake(branches: Record<string, string>): Promise<FakeContents> {
  started = true;
  return startFakeContents({ branches });
}
afterAll(() => removeSpawnDirs());

function eventFile(payload: unknown): string {
  const file = join(tempDir('tailgate-e2e-history-'), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

const pushEvent = (ref: string) =>
  eventFile({ ref, after: SHA_A, repository: { full_name: 'octo-org/octo-repo', default_branch: 'main' } });

function push(sha: string, files: Record<string, string> = {}, inputs: Record<string, string> = {}): Promise<SpawnedRun> {
  return spawnAction({
    inputs: { ...INPUTS, ...inputs },
    env: actionsEnv({ apiUrl: fake.url, eventName: 'push', eventPath: pushEvent('refs/heads/main'), sha }),
    files: { 'current.jsonl': EVAL, ...files },
  });
}

function report(run: SpawnedRun): Report {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report (exit ${run.code})\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}

const stored = (): HistoryRecord[] => {
  const file = fake.files.get('tailgate-data:tailgate-history.json');
  if (file === undefined) throw new Error(`no history file; requests: ${fake.log.join(', ')}`);
  return parseHistory(file.text, 'fake').records;
};

const pastRecord = (commit: string, forecast: number): HistoryRecord => ({
  commit,
  date: '2026-11-20T12:00:00.000Z',
  deploymentVolume: 1e6,
  behaviors: ['harmful-advice', 'pii-leak'].map((name) => ({
    name,
    forecast,
    lower: forecast / 10,
    upper: forecast * 10,
    queries: 1500,
    samplesPerQuery: null,
    queryIds: null,
    status: 'pass' as const,
  })),
});

describe('the history on the data branch', () => {
  test('a push to the default branch creates the data branch and appends its record', async () => {
    fake = await startFake({ main: MAIN_HEAD });
    const run = await push(SHA_A);
    expect(run.code).toBe(0);
    const records = stored();
    expect(records.map((r) => r.commit)).toEqual([SHA_A]);
    expect(records[0].behaviors.map((b) => b.name).sort()).toEqual(['harmful-advice', 'pii-leak', 'tool-misuse']);
    expect(records[0].behaviors[0].queries).toBe(1500);
    // Branched from the default branch's head, as git/refs was asked.
    expect(fake.log).toContain('POST /repos/octo-org/octo-repo/git/refs');
    expect(run.stdout).toContain('record of a1a1a1a appended (branch tailgate-data created)');
    // The runner's mask command is the one place the token may appear.
    expect(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('ghs_fake_history_token');
  });

  test('a push to another branch appends nothing', async () => {
    fake = await startFake({ main: MAIN_HEAD });
    const run = await spawnAction({
      inputs: INPUTS,
      env: actionsEnv({ apiUrl: fake.url, eventName: 'push', eventPath: pushEvent('refs/heads/topic'), sha: SHA_A }),
      files: { 'current.jsonl': EVAL },
    });
    expect(run.code).toBe(0);
    expect(fake.log.filter((l) => l.startsWith('PUT'))).toEqual([]);
    expect(run.stdout).toContain('only pushes to the default branch (main) append to the history');
  });

  test('two concurrent pushes: one write meets the 409, reads again, and both records are kept', async () => {
    fake = await startFake({ main: MAIN_HEAD, 'tailgate-data': MAIN_HEAD });
    fake.files.set('tailgate-data:tailgate-history.json', { text: historyText(emptyHistory()), sha: 'd4'.repeat(20) });
    fake.holdReads(2);
    const [a, b] = await Promise.all([push(SHA_A), push(SHA_B)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(
      stored()
        .map((r) => r.commit)
        .sort(),
    ).toEqual([SHA_A, SHA_B]);
    expect(fake.log.filter((l) => l.startsWith('PUT'))).toHaveLength(3);
    expect(`${a.stdout}${b.stdout}`).toContain('after 2 tries');
  });

  test('a failed write is a warning and the verdict stands', async () => {
    // No default branch to create the data branch from.
    fake = await startFake({});
    const run = await push(SHA_A);
    expect(run.code).toBe(0);
    expect(run.warnings.join('\n')).toMatch(
      /history tailgate-data:tailgate-history\.json: the record of a1a1a1a was not kept: .*contents: write/,
    );
  });
});

describe('the history on pull requests', () => {
  const prEvent = () => eventFile(JSON.parse(readFileSync(join(REPO_ROOT, '__tests__/fixtures/events/pull_request.json'), 'utf8')));

  async function pr(records: HistoryRecord[], files: Record<string, string> = {}, inputs: Record<string, string> = {}) {
    fake = await startFake({ main: MAIN_HEAD, 'tailgate-data': MAIN_HEAD });
    const history = records.reduce((h, r) => appendRecord(h, r, 200), emptyHistory());
    fake.files.set('tailgate-data:tailgate-history.json', { text: historyText(history), sha: 'e5'.repeat(20) });
    return spawnAction({
      inputs: { ...INPUTS, ...inputs },
      env: actionsEnv({ apiUrl: fake.url, eventName: 'pull_request', eventPath: prEvent() }),
      files: { 'current.jsonl': EVAL, ...files },
    });
  }

  test('reads the history and shows the trend in the summary, writing nothing', async () => {
    const run = await pr([pastRecord('1'.repeat(40), 2e-4), pastRecord('2'.repeat(40), 3e-4)]);
    expect(run.code).toBe(0);
    const r = report(run);
    expect(r.history?.records).toBe(2);
    expect(r.history?.behaviors.map((b) => b.points.map((p) => p.forecast))).toEqual([
      [2e-4, 3e-4],
      [2e-4, 3e-4],
      // tool-misuse is in no record.
      [],
    ]);
    expect(run.summary).toContain('**History** (tailgate\\-data:tailgate\\-history.json, 2 records)');
    expect(run.summary).toContain('xychart-beta');
    // log10(2e-4) = −3.699, log10(3e-4) = −3.523: the first two points of the forecast line.
    expect(run.summary).toMatch(/line \[-3\.699, -3\.523, /);
    expect(fake.log.filter((l) => !l.startsWith('GET'))).toEqual([]);
  });

  test('the creep rule fails a run whose lower end is above 2 × the lowest recent forecast', async () => {
    const run = await pr(
      [pastRecord('1'.repeat(40), 1e-12), pastRecord('2'.repeat(40), 1e-3)],
      {
        'policy.yml': 'behaviors:\n  harmful-advice:\n    fail-creep: 2x\n',
      },
      { policy: 'policy.yml' },
    );
    expect(run.code).toBe(1);
    const r = report(run);
    expect(r.verdict).toBe('fail');
    const creep = r.breaches.filter((b) => b.metric === 'creep');
    expect(creep.map((b) => [b.behavior, b.level, b.threshold])).toEqual([['harmful-advice', 'fail', 2]]);
    expect(run.summary).toContain('creep: the lower end is');
    expect(run.summary).toContain('`1111111`');
  });

  test('a missing history is a note, not an error', async () => {
    fake = await startFake({ main: MAIN_HEAD });
    const run = await spawnAction({
      inputs: INPUTS,
      env: actionsEnv({ apiUrl: fake.url, eventName: 'pull_request', eventPath: prEvent() }),
      files: { 'current.jsonl': EVAL },
    });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('_No trend: no history on tailgate\\-data:tailgate\\-history.json yet._');
  });
});

describe('the history in a workspace file', () => {
  test('a push appends to history-path in the workspace and keeps the last history-size records', async () => {
    let workspace = '';
    const old = [pastRecord('1'.repeat(40), 1e-4), pastRecord('2'.repeat(40), 2e-4)].reduce(
      (h, r) => appendRecord(h, r, 200),
      emptyHistory(),
    );
    const run = await spawnAction({
      inputs: { ...INPUTS, history: 'file', 'history-path': '.cache/h.json', 'history-size': '2', 'github-token': '' },
      env: actionsEnv({ apiUrl: 'http://127.0.0.1:9', eventName: 'push', eventPath: pushEvent('refs/heads/main'), sha: SHA_A }),
      files: { 'current.jsonl': EVAL, '.cache/h.json': historyText(old) },
      setup: (dir) => {
        workspace = dir;
      },
    });
    expect(run.code).toBe(0);
    const records = parseHistory(readFileSync(join(workspace, '.cache/h.json'), 'utf8'), 'h.json').records;
    // Size 2: the oldest record is dropped.
    expect(records.map((r) => r.commit)).toEqual(['2'.repeat(40), SHA_A]);
  });
});

describe('a baseline that measured something else', () => {
  /** The baseline's harmful-advice has one query id renamed: its query-id hash differs, nothing else does. */
  const BASE = EVAL.replace('"ha-0001"', '"ha-9001"');
  const run = (mismatch: string) =>
    spawnAction({
      inputs: {
        results: 'current.jsonl',
        'deployment-volume': '1M',
        bootstrap: '200',
        comment: 'off',
        baseline: 'base.jsonl',
        'baseline-mismatch': mismatch,
      },
      env: { GITHUB_ACTIONS: 'true' },
      files: { 'current.jsonl': EVAL, 'base.jsonl': BASE },
    });

  test('is a warning naming the behaviour and what changed', async () => {
    const r = await run('warn');
    expect(r.code).toBe(0);
    const warning = r.warnings.find((w) => w.startsWith('The baseline measured something else'));
    expect(warning).toContain('harmful-advice: the query ids differ (1500 queries in the baseline, 1500 now)');
    expect(warning).not.toContain('pii-leak');
  });

  test('with baseline-mismatch: fail, ends the run naming it', async () => {
    const r = await run('fail');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::The baseline measured something else \(baseline-mismatch: fail\): harmful-advice: the query ids differ/,
    );
  });
});
