/**
 * End-to-end: the sticky PR comment of the BUILT bundle. Each test spawns
 * `node dist/index.js` as a runner does (explicit env, GITHUB_API_URL at the
 * loopback fake of fake-github.ts, a real event payload from
 * __tests__/fixtures/events) and checks what reached the "GitHub API": the
 * requests, the stored comment, and the step's exit code, outputs and log.
 *
 * The runs read a small eval written here (EVAL below: three behaviours of 30
 * queries), not examples/: the comment path does not care how big the eval
 * is, and each run then costs a third of a second of forecasting instead of
 * a second. Verdicts do not hinge on its forecasts: a breach is
 * `value > threshold` (gate.ts), so `fail-worst-query-risk: 1` can never be
 * breached (→ pass) and `1e-6` is breached by any of them (each behaviour has
 * a query with 12 hits of 20, so its forecast is at least 0.6) (→ fail).
 *
 * The fault runs set `comment-timeout` to a few seconds, so a hung API costs
 * seconds, not the default minute: each request then gets a quarter of the
 * budget and the retries' back-off shrinks with it (github/client.ts). They
 * run side by side in one beforeAll, since most of their time is waiting.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { actionsEnv, faults, startFakeGitHub, type Fault, type FakeGitHub, type RouteName } from '../helpers/fake-github.js';
import { removeSpawnDirs, spawnAction, type SpawnedRun } from '../helpers/spawn-action.js';
import { assertFreshBundles, REPO_ROOT } from '../helpers/spawn.js';

const REPO = 'octo-org/octo-repo';
/** Shaped like an installation token; distinctive, so any leak is found by a plain search. */
const TOKEN = 'ghs_e2eFAKEt0kenNotReal0123456789abcdef';
/** Default comment key: GITHUB_WORKFLOW/GITHUB_JOB as actionsEnv sets them (evals, gate). */
const MARKER = '<!-- tailgate:evals/gate -->';
const BOT = 'github-actions[bot]';
/** pull_request.json: PR #7, head 1111…; GITHUB_SHA (the test merge commit) is actionsEnv's fefe…. */
const PR_HEAD = '1111111111111111111111111111111111111111';
const MERGE_SHA = 'fefefefefefefefefefefefefefefefefefefefe';
/** actionsEnv: GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID (attempt 1 adds nothing). */
const RUN_URL = `https://github.com/${REPO}/actions/runs/4242`;
const PASS = { 'fail-worst-query-risk': '1' };
const FAIL = { 'fail-worst-query-risk': '1e-6' };
const NOT_POSTED = 'PR comment not posted:';
/**
 * `comment-timeout` of the fault runs, in seconds: each request gets 4/4 = 1 s
 * (min(15 s, budget / 4)), so a hang costs three 1 s tries and about 0.3 s of
 * back-off, inside the budget.
 */
const FAULT_BUDGET_S = 4;
const CHAR_CAP = 65_536;

const event = (file: string): string => join(REPO_ROOT, '__tests__', 'fixtures', 'events', file);

/** Three behaviours × 30 queries, hits 1..12 of k = 20 (every query nonzero, 12 distinct p̂): each tail fits. */
const EVAL = ['jailbreak', 'pii-leak', 'toxicity']
  .flatMap((behavior) => Array.from({ length: 30 }, (_, q) => JSON.stringify({ query_id: `q${q}`, behavior, hits: (q % 12) + 1, k: 20 })))
  .join('\n');

function inputs(extra: Record<string, string>): Record<string, string> {
  return {
    results: 'eval.jsonl',
    'deployment-volume': '1M',
    // The interval is not under test here.
    bootstrap: '0',
    'github-token': TOKEN,
    ...extra,
  };
}

interface Run {
  apiUrl: string;
  eventName: string;
  eventFile: string;
  inputs: Record<string, string>;
  sha?: string;
  files?: Record<string, string>;
  timeoutMs?: number;
}

function run(r: Run): Promise<SpawnedRun> {
  return spawnAction({
    inputs: inputs(r.inputs),
    env: actionsEnv({ apiUrl: r.apiUrl, eventName: r.eventName, eventPath: event(r.eventFile), sha: r.sha }),
    files: { 'eval.jsonl': `${EVAL}\n`, ...r.files },
    timeoutMs: r.timeoutMs,
  });
}

/** A fake that answers 401 unless the request carries our token, so every success proves the token was sent. */
const fakeGitHub = (): Promise<FakeGitHub> => startFakeGitHub({ token: TOKEN });

async function withFake<T>(body: (fake: FakeGitHub) => Promise<T>): Promise<T> {
  const fake = await fakeGitHub();
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

const count = (fake: FakeGitHub, route: RouteName): number => fake.log.filter((r) => r.route === route).length;
/** Requests that change something (GraphQL's POST is a read). */
const writes = (fake: FakeGitHub) => fake.log.filter((r) => r.method !== 'GET' && r.route !== 'graphql');
const ours = (fake: FakeGitHub, issue: number) => fake.comments(REPO, issue).filter((c) => c.user.login === BOT && c.body.includes(MARKER));

/** Shown when an expectation fails: what the step printed. */
const transcript = (r: SpawnedRun): string => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/** Exit code and `verdict` output; on a mismatch the error carries the step's log, which says why. */
function expectOutcome(r: SpawnedRun, code: number, verdict: string): void {
  if (r.code !== code || r.outputs.verdict !== verdict) {
    throw new Error(`expected exit ${code} with verdict ${verdict}, got verdict ${r.outputs.verdict}; ${transcript(r)}`);
  }
}

/**
 * The token reaches stdout exactly once, in the `::add-mask::` command that
 * tells the runner to mask it (core.setSecret; the runner swallows that line).
 * Anywhere else it would be shown in the log of a public repository.
 */
function expectNoTokenLeak(r: SpawnedRun): void {
  const lines = r.stdout.split(/\r?\n/);
  expect(lines).toContain(`::add-mask::${TOKEN}`);
  expect(lines.filter((l) => l.includes(TOKEN) && l !== `::add-mask::${TOKEN}`)).toEqual([]);
  expect(r.stderr.includes(TOKEN)).toBe(false);
  expect(Object.values(r.outputs).filter((v) => v.includes(TOKEN))).toEqual([]);
  expect(r.summary.includes(TOKEN)).toBe(false);
}

/**
 * Cells of one Markdown table row. A `|` preceded by a backslash escape is
 * cell text (GFM tables), so escapes are skipped pairwise: `\\|` is an escaped
 * backslash followed by a real cell boundary.
 */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      cell += ch + line[i + 1];
      i++;
    } else if (ch === '|') {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  out.push(cell);
  // A row starts and ends with `|`: drop the empty text outside them.
  return out.slice(1, -1).map((c) => c.trim());
}

/** The behaviour table (header `| Behaviour | Queries (m) |…`): header cells and body rows. */
function behaviourTable(body: string): { header: string[]; rows: string[][] } {
  // The rows that need a look and the folded clear rows are two tables with one header: read both.
  const lines = body.split('\n');
  const starts = lines.flatMap((l, i) => (l.startsWith('| Behaviour | Queries (m)') ? [i] : []));
  if (starts.length === 0) throw new Error(`no behaviour table in the comment:\n${body.slice(0, 2000)}`);
  const rows: string[][] = [];
  for (const start of starts) for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
  return { header: cells(lines[starts[0]]), rows };
}

/** What a reader sees of an escaped cell: Markdown backslash escapes, zero-width joiners and the HTML entities undone. */
function shown(cell: string): string {
  return cell
    .replace(/\\(.)/g, '$1')
    .replace(/\u200d/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A native JSONL row (docs/formats.md): `hits` of `k` samples for one query. */
interface NativeRow {
  query_id: string;
  behavior: string;
  hits: number;
  k: number;
}

function jsonl(rows: NativeRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** The names of the report JSON's behaviours, read independently of the comment. */
function reportBehaviours(r: SpawnedRun): string[] {
  const parsed: unknown = JSON.parse(readFileSync(r.outputs['report-path'], 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('behaviors' in parsed) || !Array.isArray(parsed.behaviors)) {
    throw new Error('report JSON without a behaviors array');
  }
  return parsed.behaviors.map((b: unknown) => {
    if (typeof b !== 'object' || b === null || !('name' in b) || typeof b.name !== 'string') throw new Error('behaviour without a name');
    return b.name;
  });
}

beforeAll(assertFreshBundles);
afterAll(removeSpawnDirs);

describe('pull_request: the sticky comment', () => {
  test('first run creates one comment with marker, headline, table, chart, PR head SHA and run link; sets comment-url', async () => {
    await withFake(async (fake) => {
      const r = await run({ apiUrl: fake.url, eventName: 'pull_request', eventFile: 'pull_request.json', inputs: PASS });
      expectOutcome(r, 0, 'pass');
      expect(count(fake, 'createComment')).toBe(1);
      expect(count(fake, 'updateComment') + count(fake, 'deleteComment')).toBe(0);
      const comments = fake.comments(REPO, 7);
      expect(comments).toHaveLength(1);
      const [comment] = comments;
      expect(comment.user.login).toBe(BOT);
      const body = comment.body;
      expect(body.startsWith(`${MARKER}\n`)).toBe(true);
      expect(body).toContain('### ✅ tailgate: pass');
      // One table row per behaviour of the JSON report, each naming it.
      const names = reportBehaviours(r);
      const table = behaviourTable(body);
      expect(table.rows).toHaveLength(names.length);
      expect(table.rows.map((row) => shown(row[0])).sort()).toEqual([...names].sort());
      expect(body).toMatch(/```mermaid\n[\s\S]*xychart-beta[\s\S]*\n```/);
      // The PR head from the payload, never GITHUB_SHA (the test merge commit).
      expect(body).toContain(`head \`${PR_HEAD.slice(0, 7)}\``);
      expect(body).not.toContain(MERGE_SHA.slice(0, 7));
      expect(body).toContain(`[workflow run](${RUN_URL})`);
      expect(r.outputs['comment-url']).toBe(comment.html_url);
      expect(r.warnings.filter((w) => w.startsWith(NOT_POSTED))).toEqual([]);
      expectNoTokenLeak(r);
    });
  });

  test('second run updates the same comment in place (PATCH), still one comment', async () => {
    await withFake(async (fake) => {
      const first = await run({ apiUrl: fake.url, eventName: 'pull_request', eventFile: 'pull_request.json', inputs: PASS });
      const second = await run({ apiUrl: fake.url, eventName: 'pull_request', eventFile: 'pull_request.json', inputs: FAIL });
      expectOutcome(first, 0, 'pass');
      expectOutcome(second, 1, 'fail');
      expect(count(fake, 'createComment')).toBe(1);
      expect(count(fake, 'updateComment')).toBe(1);
      const comments = fake.comments(REPO, 7);
      expect(comments).toHaveLength(1);
      expect(comments[0].body.startsWith(`${MARKER}\n`)).toBe(true);
      expect(comments[0].body).toContain('### ❌ tailgate: fail');
      expect(comments[0].body).not.toContain('tailgate: pass');
      expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
      expect(second.outputs['comment-url']).toBe(comments[0].html_url);
    });
  });

  test("another author's comment carrying our marker, and our comment for another key, are left alone", async () => {
    await withFake(async (fake) => {
      const quoted = fake.addComment(REPO, 7, `Why does ${MARKER} show up here?`, 'octocat');
      const otherKey = fake.addComment(REPO, 7, '<!-- tailgate:evals/gate2 -->\n### ✅ tailgate: pass', BOT);
      const r = await run({ apiUrl: fake.url, eventName: 'pull_request', eventFile: 'pull_request.json', inputs: PASS });
      expectOutcome(r, 0, 'pass');
      expect(count(fake, 'updateComment') + count(fake, 'deleteComment')).toBe(0);
      const after = fake.comments(REPO, 7);
      expect(after.find((c) => c.id === quoted.id)?.body).toBe(`Why does ${MARKER} show up here?`);
      expect(after.find((c) => c.id === otherKey.id)?.body).toBe('<!-- tailgate:evals/gate2 -->\n### ✅ tailgate: pass');
      const mine = ours(fake, 7);
      expect(mine).toHaveLength(1);
      expect(mine[0].id).not.toBe(quoted.id);
      expect(r.outputs['comment-url']).toBe(mine[0].html_url);
    });
  });

  test('finds our comment on page 2 of 151 comments and updates it (no create)', async () => {
    await withFake(async (fake) => {
      for (let i = 0; i < 130; i++) fake.addComment(REPO, 7, `comment ${i}`, i % 2 === 0 ? 'octocat' : 'hubot');
      const old = fake.addComment(REPO, 7, `${MARKER}\n### ❌ tailgate: fail (an older run)`, BOT);
      for (let i = 0; i < 20; i++) fake.addComment(REPO, 7, `later comment ${i}`, 'octocat');
      const r = await run({ apiUrl: fake.url, eventName: 'pull_request', eventFile: 'pull_request.json', inputs: PASS });
      expectOutcome(r, 0, 'pass');
      // Our comment is the 131st: per_page 100 puts it on page 2, which must have been read.
      const pages = fake.log.filter((l) => l.route === 'listComments').map((l) => l.query.page ?? '1');
      expect(pages).toContain('2');
      expect(count(fake, 'createComment')).toBe(0);
      expect(fake.log.filter((l) => l.route === 'updateComment').map((l) => l.path)).toEqual([`/repos/${REPO}/issues/comments/${old.id}`]);
      expect(fake.comments(REPO, 7)).toHaveLength(151);
      const mine = ours(fake, 7);
      expect(mine.map((c) => c.id)).toEqual([old.id]);
      expect(mine[0].body).toContain('### ✅ tailgate: pass');
      expect(r.outputs['comment-url']).toBe(old.html_url);
    });
  });

  test('fork PR on pull_request: no request at all, a notice, verdict and exit code kept', async () => {
    await withFake(async (fake) => {
      const r = await run({ apiUrl: fake.url, eventName: 'pull_request', eventFile: 'pull_request-fork.json', inputs: FAIL });
      expectOutcome(r, 1, 'fail');
      expect(fake.log).toEqual([]);
      expect(r.notices.filter((n) => /PR comment skipped: .*fork/.test(n))).toHaveLength(1);
      expect(r.outputs['comment-url']).toBeUndefined();
      expect(r.warnings.filter((w) => w.startsWith(NOT_POSTED))).toEqual([]);
      expect(r.summary).toContain('tailgate: fail');
    });
  });
});

/** One GitHub fault per case, each on the route where it happens in practice. */
interface FaultCase {
  name: string;
  /** Which verdict the run has, to show both pass (exit 0) and fail (exit 1) survive. */
  verdict: 'pass' | 'fail';
  /** A fault on one route of the fake, or no server at all behind GITHUB_API_URL. */
  fault: { route: RouteName; fault: Fault } | 'closed-port';
  /** What the warning must say (the reason). */
  reason: RegExp;
  /** What it must not say. */
  not?: RegExp;
  /** Kill the process after this long (the run then fails the test). */
  timeoutMs?: number;
  /** The step must be done within this long (ms): a hung API must not hold the job. */
  doneWithinMs?: number;
}

const FAULTS: FaultCase[] = [
  {
    // Longest first: it starts first, and the others run while it waits.
    // Per request 1 s (a quarter of the budget), retried twice as a 5xx, back-off 67 ms + 267 ms: about 3.3 s, inside the 4 s budget.
    name: 'a hang beyond the request timeout',
    verdict: 'fail',
    fault: { route: 'listComments', fault: { hang: true } },
    reason: new RegExp(`did not answer within 1 s|gave up after ${FAULT_BUDGET_S} s`),
    timeoutMs: 60_000,
    // The comment budget plus room for the forecast and a busy machine.
    doneWithinMs: FAULT_BUDGET_S * 1000 + 10_000,
  },
  {
    name: '403 Resource not accessible by integration (no pull-requests: write)',
    verdict: 'fail',
    fault: { route: 'createComment', fault: faults.forbidden() },
    reason: /cannot write comments .*403 Resource not accessible by integration/,
  },
  {
    // The limit resets in an hour: not worth waiting for inside the budget (client.ts waits at most 30 s).
    name: 'primary rate limit on the comment listing, reset an hour away',
    verdict: 'pass',
    fault: { route: 'listComments', fault: faults.rateLimited(3600) },
    reason: /GitHub rate limit reached \(403 API rate limit exceeded/,
  },
  {
    name: '404 on the comment listing',
    verdict: 'pass',
    fault: { route: 'listComments', fault: { status: 404, body: { message: 'Not Found' } } },
    reason: /not found \(404\)/,
  },
  {
    name: '422 body is too long',
    verdict: 'fail',
    fault: { route: 'createComment', fault: faults.tooLong() },
    reason: /too long/,
  },
  {
    // The body echoes the Authorization header: the warning must carry the reason but not the token.
    name: '500 on create, with the token in the error body',
    verdict: 'pass',
    fault: { route: 'createComment', fault: { status: 500, echoAuthorization: true } },
    reason: /GitHub API error 500 .*after retries/,
  },
  {
    name: '502 HTML page from the front end',
    verdict: 'fail',
    fault: { route: 'graphql', fault: faults.badGatewayHtml() },
    reason: /502 \(502 Bad Gateway\)/,
    not: /<|Unicorn|DOCTYPE/i,
  },
  {
    name: 'connection refused (nothing listens on the API port)',
    verdict: 'pass',
    fault: 'closed-port',
    reason: /network error reaching the GitHub API .*ECONNREFUSED/,
  },
];

/** A loopback port nobody listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

interface FaultOutcome {
  run: SpawnedRun;
  requests: number;
  comments: number;
}

async function runFault(c: FaultCase): Promise<FaultOutcome> {
  const inputs = { ...(c.verdict === 'pass' ? PASS : FAIL), 'comment-timeout': String(FAULT_BUDGET_S) };
  const base = { eventName: 'pull_request', eventFile: 'pull_request.json', inputs, timeoutMs: c.timeoutMs };
  if (c.fault === 'closed-port') {
    const r = await run({ ...base, apiUrl: `http://127.0.0.1:${await closedPort()}` });
    return { run: r, requests: 0, comments: 0 };
  }
  const { route, fault } = c.fault;
  return withFake(async (fake) => {
    fake.fault(route, fault);
    const r = await run({ ...base, apiUrl: fake.url });
    return { run: r, requests: fake.log.filter((l) => l.route === route).length, comments: fake.comments(REPO, 7).length };
  });
}

describe('faults: the comment fails with a warning, the verdict and exit code do not change', () => {
  const outcomes = new Map<string, PromiseSettledResult<FaultOutcome>>();
  const baseline = new Map<string, SpawnedRun>();

  beforeAll(async () => {
    // All fault runs at once: most of their time is spent waiting (timeouts, back-off), not computing.
    const [pass, fail, ...settled] = await Promise.allSettled([
      run({ apiUrl: 'http://127.0.0.1:9', eventName: 'pull_request', eventFile: 'pull_request.json', inputs: { ...PASS, comment: 'off' } }),
      run({ apiUrl: 'http://127.0.0.1:9', eventName: 'pull_request', eventFile: 'pull_request.json', inputs: { ...FAIL, comment: 'off' } }),
      ...FAULTS.map(runFault),
    ]);
    for (const [verdict, result] of [
      ['pass', pass],
      ['fail', fail],
    ] as const) {
      if (result.status === 'rejected') throw result.reason;
      if (result.value.outputs.verdict !== verdict) throw new Error(`baseline is not ${verdict}:\n${transcript(result.value)}`);
      baseline.set(verdict, result.value);
    }
    FAULTS.forEach((c, i) => outcomes.set(c.name, settled[i]));
  }, 90_000);

  test.each(FAULTS)('$name', (c) => {
    const settled = outcomes.get(c.name);
    if (settled === undefined) throw new Error('no outcome');
    if (settled.status === 'rejected') throw settled.reason;
    const { run: r, requests, comments } = settled.value;
    const before = baseline.get(c.verdict);
    if (before === undefined) throw new Error('no baseline');
    // The fault was actually hit, and nothing was posted.
    if (c.fault !== 'closed-port') expect(requests).toBeGreaterThan(0);
    expect(comments).toBe(0);
    expect({ code: r.code, verdict: r.outputs.verdict, worst: r.outputs['worst-query-risk'], breaches: r.outputs.breaches }).toEqual({
      code: before.code,
      verdict: before.outputs.verdict,
      worst: before.outputs['worst-query-risk'],
      breaches: before.outputs.breaches,
    });
    expect(r.code).toBe(c.verdict === 'pass' ? 0 : 1);
    const warnings = r.warnings.filter((w) => w.startsWith(NOT_POSTED));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(c.reason);
    if (c.not) expect(warnings[0]).not.toMatch(c.not);
    // One line: an HTML page or a JSON dump would flood the log.
    expect(warnings[0]).not.toContain('\n');
    expect(r.outputs['comment-url']).toBeUndefined();
    expect(r.summary).toContain(`tailgate: ${c.verdict}`);
    if (c.doneWithinMs !== undefined) expect(r.elapsedMs).toBeLessThan(c.doneWithinMs);
    expectNoTokenLeak(r);
  });
});

describe('content', () => {
  test('an oversized report (400 behaviours) is cut under 65,536 characters with a visible notice', async () => {
    // 12 queries per behaviour, hits 1..12 of k = 20: every query nonzero, 12 distinct p̂, so each tail fits.
    const rows: NativeRow[] = [];
    for (let b = 0; b < 400; b++) {
      for (let q = 0; q < 12; q++)
        rows.push({ query_id: `q${q}`, behavior: `behaviour-${String(b).padStart(3, '0')}`, hits: q + 1, k: 20 });
    }
    await withFake(async (fake) => {
      const r = await run({
        apiUrl: fake.url,
        eventName: 'pull_request',
        eventFile: 'pull_request.json',
        inputs: { ...PASS, results: 'many.jsonl', bootstrap: '0' },
        files: { 'many.jsonl': jsonl(rows) },
        timeoutMs: 90_000,
      });
      expectOutcome(r, 0, 'pass');
      expect(reportBehaviours(r)).toHaveLength(400);
      // The same report rendered for the job summary (1 MiB cap) is over the comment cap: there was something to cut.
      expect(readFileSync(r.outputs['markdown-path'], 'utf8').length).toBeGreaterThan(CHAR_CAP);
      const mine = ours(fake, 7);
      expect(mine).toHaveLength(1);
      const body = mine[0].body;
      expect(body.length).toBeLessThanOrEqual(CHAR_CAP);
      expect(body.startsWith(`${MARKER}\n`)).toBe(true);
      expect(body).toContain('(comment size limit)');
      // Cut at block boundaries: <details> and code fences stay balanced, and the footer survives.
      expect((body.match(/<details>/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
      expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
      expect(body).toContain(`head \`${PR_HEAD.slice(0, 7)}\``);
      expect(r.warnings.filter((w) => w.startsWith(NOT_POSTED))).toEqual([]);
    });
  }, 120_000);

  test('injection strings in behaviour names are escaped in the posted body; the table stays intact', async () => {
    const names = ['</details><img src=x onerror=alert(1)>', '@octocat', '#1', 'org/repo#2', 'a|b', '[x](javascript:alert(1))'];
    // 100 queries each, 20 of them with hits 20..1 of k = 40: enough nonzero queries to fit a tail.
    const rows = names.flatMap((behavior) =>
      Array.from({ length: 100 }, (_, q) => ({ query_id: `q${q}`, behavior, hits: q < 20 ? 20 - q : 0, k: 40 })),
    );
    await withFake(async (fake) => {
      const r = await run({
        apiUrl: fake.url,
        eventName: 'pull_request',
        eventFile: 'pull_request.json',
        inputs: { ...PASS, results: 'inject.jsonl', bootstrap: '0' },
        files: { 'inject.jsonl': jsonl(rows) },
      });
      expectOutcome(r, 0, 'pass');
      const mine = ours(fake, 7);
      expect(mine).toHaveLength(1);
      const body = mine[0].body;
      // No raw HTML from a name: an <img> would render, a </details> would close our own block early.
      expect(body).not.toMatch(/<img/i);
      expect((body.match(/<details>/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
      // No mention, no cross-reference, no javascript: link (GitHub autolinks these in plain text).
      expect(body).not.toContain('@octocat');
      // `\@user` is caught above; an HTML entity for `@` still mentions too (docs/pr-comment.md).
      expect(body).not.toMatch(/&#(0*64|x0*40);\s*octocat/i);
      expect(body).not.toContain('org/repo#2');
      expect(body).not.toContain('](javascript:');
      const table = behaviourTable(body);
      expect(table.header).toHaveLength(5);
      expect(table.rows).toHaveLength(names.length);
      for (const row of table.rows) {
        // `a|b` must not split its row into an extra cell.
        expect(row).toHaveLength(table.header.length);
        expect(row[0]).not.toMatch(/[<>]|#\d|@octocat|\]\(/);
      }
      // …and yet the reader sees each name as written.
      expect(table.rows.map((row) => shown(row[0])).sort()).toEqual([...names].sort());
    });
  });
});

describe('other events', () => {
  const PUSHED = '3333333333333333333333333333333333333333';

  test('push with comment: always finds the PR via commits/{sha}/pulls and comments on it', async () => {
    await withFake(async (fake) => {
      fake.addPull(REPO, { number: 9, state: 'open', headSha: PUSHED, headRef: 'more-evals', headRepo: REPO });
      const r = await run({
        apiUrl: fake.url,
        eventName: 'push',
        eventFile: 'push.json',
        sha: PUSHED,
        inputs: { ...PASS, comment: 'always' },
      });
      expectOutcome(r, 0, 'pass');
      expect(fake.log.filter((l) => l.route === 'commitPulls').map((l) => l.path)).toEqual([`/repos/${REPO}/commits/${PUSHED}/pulls`]);
      const mine = ours(fake, 9);
      expect(mine).toHaveLength(1);
      expect(mine[0].body).toContain(`head \`${PUSHED.slice(0, 7)}\``);
      expect(r.outputs['comment-url']).toBe(mine[0].html_url);
    });
  });

  test('push without a PR: no write, the job summary still written, no comment-url', async () => {
    await withFake(async (fake) => {
      const r = await run({
        apiUrl: fake.url,
        eventName: 'push',
        eventFile: 'push.json',
        sha: PUSHED,
        inputs: { ...PASS, comment: 'always' },
      });
      expectOutcome(r, 0, 'pass');
      expect(count(fake, 'commitPulls')).toBe(1);
      expect(writes(fake)).toEqual([]);
      expect(r.summary).toContain('### ✅ tailgate: pass');
      expect(r.stdout).toContain(`PR comment skipped: no open pull request has ${PUSHED.slice(0, 7)} as its head`);
      expect(r.outputs['comment-url']).toBeUndefined();
      expect(r.warnings.filter((w) => w.startsWith(NOT_POSTED))).toEqual([]);
    });
  });

  test('workflow_run from a fork: resolves the PR from head_sha via pulls?head= and comments', async () => {
    const forkHead = '2222222222222222222222222222222222222222';
    // On workflow_run GITHUB_SHA is the default branch's head, not the PR's.
    const defaultHead = 'abababababababababababababababababababab';
    await withFake(async (fake) => {
      fake.addPull(REPO, { number: 8, state: 'open', headSha: forkHead, headRef: 'jailbreak-eval', headRepo: 'contributor/octo-repo' });
      const r = await run({
        apiUrl: fake.url,
        eventName: 'workflow_run',
        eventFile: 'workflow_run-fork.json',
        sha: defaultHead,
        inputs: FAIL,
      });
      expectOutcome(r, 1, 'fail');
      const lookups = fake.log.filter((l) => l.route === 'listPulls');
      expect(lookups).toHaveLength(1);
      expect(lookups[0].query).toEqual(expect.objectContaining({ head: 'contributor:jailbreak-eval', state: 'open' }));
      const mine = ours(fake, 8);
      expect(mine).toHaveLength(1);
      expect(mine[0].body).toContain('### ❌ tailgate: fail');
      expect(mine[0].body).toContain(`head \`${forkHead.slice(0, 7)}\``);
      expect(mine[0].body).not.toContain(defaultHead.slice(0, 7));
      expect(r.outputs['comment-url']).toBe(mine[0].html_url);
      expectNoTokenLeak(r);
    });
  });
});
