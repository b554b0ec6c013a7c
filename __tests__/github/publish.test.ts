/**
 * publishComment end to end through the real Octokit (retry + throttling)
 * against the loopback fake: modes, every event kind, fork safety, and every
 * fault turning into `failed` with a reason, never a throw.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { createClient, requestTimeoutFor, type ClientOptions } from '../../src/github/client.js';
import type { PullRequestTarget } from '../../src/github/event-plan.js';
import { publishComment, type PublishArgs, type PublishResult } from '../../src/github/publish.js';
import { actionsEnv, faults, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const REPO = 'octo-org/octo-repo';
const TOKEN = 'ghs_S3cr3tT0k3nValue';
const MARKER = '<!-- tailgate:evals/gate -->';
const event = (name: string) => fileURLToPath(new URL(`../fixtures/events/${name}`, import.meta.url));

let fake: FakeGitHub;
let seenPr: PullRequestTarget | undefined;
let throttleRun = 0;

beforeEach(async () => {
  fake = await startFakeGitHub();
  seenPr = undefined;
});
afterEach(async () => {
  await fake.close();
});

/** No back-off sleeps; throttling off unless a test is about it (it spaces writes 1 s apart). */
const fastClient = (extra: Partial<ClientOptions> = {}): ClientOptions => ({
  retries: 2,
  retryAfterBaseValue: 1,
  requestTimeoutMs: 2000,
  throttling: false,
  debug: () => {},
  log: () => {},
  ...extra,
});

/** `client`: options for the client built here as main.ts builds it (default fastClient()). */
type Over = Partial<PublishArgs> & { client?: Partial<ClientOptions> };

const run = (eventName: string, file: string, { client, ...over }: Over = {}, sha?: string): Promise<PublishResult> =>
  publishComment({
    mode: 'auto',
    key: '',
    verdict: 'pass',
    hasBreach: false,
    render: (marker, pr) => {
      seenPr = pr;
      return `${marker}\n### tailgate: pass\nhead ${pr.headSha.slice(0, 7)} · [run](${pr.runUrl})`;
    },
    octokit: createClient(TOKEN, { baseUrl: fake.url, ...fastClient(client) }),
    env: actionsEnv({ apiUrl: fake.url, eventName, eventPath: event(file), sha }),
    ...over,
  });

const routes = () => fake.log.map((r) => `${r.method} ${r.route}`);
const writes = () => fake.log.filter((r) => r.method !== 'GET' && r.route !== 'graphql');

describe('pull_request, with the production client (throttling on)', () => {
  const prod = () => fastClient({ throttling: true, throttleId: `publish-${++throttleRun}` });

  test('first run creates the comment, second run updates the same one', async () => {
    const first = await run('pull_request', 'pull_request.json', { client: prod() });
    expect(first).toMatchObject({ status: 'posted', action: 'created' });
    const second = await run('pull_request', 'pull_request.json', { client: prod(), verdict: 'fail', hasBreach: true });
    expect(second).toMatchObject({ status: 'posted', action: 'updated' });
    const comments = fake.comments(REPO, 7);
    expect(comments).toHaveLength(1);
    expect(first.status === 'posted' && second.status === 'posted' && first.url === second.url).toBe(true);
    // The body carries the PR head, not GITHUB_SHA (fefefef…, the merge commit), and the run link.
    expect(comments[0].body).toBe(
      `${MARKER}\n### tailgate: pass\nhead 1111111 · [run](https://github.com/octo-org/octo-repo/actions/runs/4242)`,
    );
    expect(routes()).toEqual([
      'POST graphql',
      'GET listComments',
      'POST createComment',
      'GET listComments', // duplicate check after a create
      'POST graphql',
      'GET listComments',
      'PATCH updateComment',
    ]);
  });

  test('a secondary rate limit is waited out (retry-after × base) and the comment still posts', async () => {
    fake.fault('listComments', faults.secondaryRateLimited(1, 1));
    const notes: string[] = [];
    const result = await run('pull_request', 'pull_request.json', { client: { ...prod(), log: (m) => notes.push(m) } });
    expect(result).toMatchObject({ status: 'posted', action: 'created' });
    expect(fake.log.filter((r) => r.route === 'listComments').map((r) => r.outcome)).toEqual([403, 200, 200]);
    expect(notes.join('\n')).toMatch(/secondary rate limit .* retrying in 1 s/);
  });

  test('a primary rate limit that resets in an hour is not waited for: failed, with one request', async () => {
    fake.fault('listComments', faults.rateLimited(3600));
    const result = await run('pull_request', 'pull_request.json', { client: prod() });
    expect(result).toEqual({
      status: 'failed',
      warning: expect.stringContaining('GitHub rate limit reached (403 API rate limit exceeded'),
    });
    expect(fake.log.filter((r) => r.route === 'listComments')).toHaveLength(1);
  });
});

describe('fork safety and skips', () => {
  test('pull_request from a fork: skipped with the reason, and no request at all', async () => {
    const result = await run('pull_request', 'pull_request-fork.json', { mode: 'always' });
    expect(result).toMatchObject({ status: 'skipped', code: 'fork' });
    expect(result.status === 'skipped' && result.reason).toMatch(/fork.*read-only.*workflow_run/);
    expect(fake.log).toHaveLength(0);
  });

  test('comment: off, or outside Actions: skipped without requests', async () => {
    expect(await run('pull_request', 'pull_request.json', { mode: 'off' })).toMatchObject({ code: 'off' });
    expect(await run('pull_request', 'pull_request.json', { env: {} })).toMatchObject({ code: 'context' });
    expect(fake.log).toHaveLength(0);
  });

  test('a schedule event has no PR', async () => {
    expect(await run('schedule', 'schedule.json', { mode: 'always' })).toMatchObject({ status: 'skipped', code: 'event' });
  });
});

describe('push', () => {
  const SHA = '3333333333333333333333333333333333333333';

  test('comment: auto does not comment from push (and asks nothing)', async () => {
    fake.addPull(REPO, { number: 7, state: 'open', headSha: SHA, headRef: 'more-evals', headRepo: REPO });
    expect(await run('push', 'push.json', {}, SHA)).toMatchObject({ status: 'skipped', code: 'mode' });
    expect(fake.log).toHaveLength(0);
  });

  test('comment: always resolves the PR with GET commits/{GITHUB_SHA}/pulls', async () => {
    fake.addPull(REPO, { number: 3, state: 'closed', headSha: SHA, headRef: 'old', headRepo: REPO });
    fake.addPull(REPO, { number: 7, state: 'open', headSha: SHA, headRef: 'more-evals', headRepo: REPO });
    const result = await run('push', 'push.json', { mode: 'always' }, SHA);
    expect(result).toMatchObject({ status: 'posted', action: 'created', pr: { number: 7, headSha: SHA } });
    expect(fake.log[0]).toMatchObject({ route: 'commitPulls', path: `/repos/${REPO}/commits/${SHA}/pulls` });
    expect(fake.comments(REPO, 7)).toHaveLength(1);
  });

  test('no open PR for the commit (only a merged one): skipped, nothing written', async () => {
    fake.addPull(REPO, { number: 3, state: 'closed', headSha: SHA, headRef: 'old', headRepo: REPO });
    const result = await run('push', 'push.json', { mode: 'always' }, SHA);
    expect(result).toMatchObject({ status: 'skipped', code: 'no-pr' });
    expect(routes()).toEqual(['GET commitPulls']);
  });
});

describe('workflow_run', () => {
  test('same repository: the PR listed in the payload is used, no lookup', async () => {
    const result = await run('workflow_run', 'workflow_run.json');
    expect(result).toMatchObject({ status: 'posted', pr: { number: 7, isFork: false } });
    expect(routes().filter((r) => r.includes('Pulls'))).toEqual([]);
  });

  test('from a fork (pull_requests empty): resolved with pulls?head=<fork owner>:<branch>, head_sha as the head', async () => {
    fake.addPull(REPO, {
      number: 8,
      state: 'open',
      headSha: '2222222222222222222222222222222222222222',
      headRef: 'jailbreak-eval',
      headRepo: 'contributor/octo-repo',
    });
    const result = await run('workflow_run', 'workflow_run-fork.json');
    expect(result).toMatchObject({ status: 'posted', action: 'created', pr: { number: 8, isFork: true } });
    expect(seenPr?.headSha).toBe('2222222222222222222222222222222222222222');
    expect(fake.log[0]).toMatchObject({
      route: 'listPulls',
      query: { head: 'contributor:jailbreak-eval', state: 'open', per_page: '100' },
    });
    expect(fake.comments(REPO, 8)).toHaveLength(1);
  });

  test('from a fork whose PR has moved on to a newer head: skipped rather than posting stale numbers', async () => {
    fake.addPull(REPO, {
      number: 8,
      state: 'open',
      headSha: 'abab'.repeat(10),
      headRef: 'jailbreak-eval',
      headRepo: 'contributor/octo-repo',
    });
    const result = await run('workflow_run', 'workflow_run-fork.json');
    expect(result).toMatchObject({ status: 'skipped', code: 'no-pr' });
    // Both lookups tried, fork's pulls?head= first; nothing written.
    expect(routes()).toEqual(['GET listPulls', 'GET commitPulls']);
  });
});

describe('comment: on-breach', () => {
  test('nothing breached and no earlier comment: skipped, nothing created', async () => {
    const result = await run('pull_request', 'pull_request.json', { mode: 'on-breach' });
    expect(result).toMatchObject({ status: 'skipped', code: 'mode' });
    expect(writes()).toHaveLength(0);
  });

  test('a breach creates the comment; a later clean run updates it so no stale breach stays', async () => {
    const breach = await run('pull_request', 'pull_request.json', { mode: 'on-breach', verdict: 'warn' });
    expect(breach).toMatchObject({ status: 'posted', action: 'created' });
    const clean = await run('pull_request', 'pull_request.json', {
      mode: 'on-breach',
      render: (m) => `${m}\nall clear`,
    });
    expect(clean).toMatchObject({ status: 'posted', action: 'updated' });
    expect(fake.comments(REPO, 7).map((c) => c.body)).toEqual([`${MARKER}\nall clear`]);
  });
});

describe('faults become `failed` with a short reason, never a throw', () => {
  test('403 on create: the token cannot write', async () => {
    fake.fault('createComment', faults.forbidden());
    const result = await run('pull_request', 'pull_request.json');
    expect(result).toEqual({
      status: 'failed',
      warning:
        'PR comment not posted: commenting on PR #7 failed: the token cannot write comments ' +
        '(fork PR or missing `pull-requests: write`) (403 Resource not accessible by integration)',
    });
    // 403 is in the retry plugin's doNotRetry list: one attempt.
    expect(fake.log.filter((r) => r.route === 'createComment')).toHaveLength(1);
  });

  test('404 on listing', async () => {
    fake.fault('listComments', { status: 404, body: { message: 'Not Found' } });
    const result = await run('pull_request', 'pull_request.json');
    expect(result).toMatchObject({ status: 'failed', warning: expect.stringContaining('not found (404)') });
    expect(fake.log.filter((r) => r.route === 'listComments')).toHaveLength(1);
  });

  test('422 "too long" from GitHub is named as such', async () => {
    fake.fault('createComment', faults.tooLong());
    const result = await run('pull_request', 'pull_request.json');
    expect(result).toMatchObject({ status: 'failed', warning: expect.stringContaining('the comment is too long for GitHub (422') });
  });

  test('a body over 65,536 characters is refused before any write', async () => {
    const result = await run('pull_request', 'pull_request.json', { render: (m) => `${m}\n${'x'.repeat(65_536)}` });
    expect(result).toMatchObject({ status: 'failed', warning: expect.stringContaining('at most 65536') });
    expect(writes()).toHaveLength(0);
  });

  test('a 502 HTML page is retried, then reported as one line with its title', async () => {
    fake.fault('listComments', faults.badGatewayHtml());
    const result = await run('pull_request', 'pull_request.json');
    expect(result).toEqual({
      status: 'failed',
      warning: 'PR comment not posted: commenting on PR #7 failed: GitHub API error 502 (502 Bad Gateway) after retries',
    });
    expect(fake.log.filter((r) => r.route === 'listComments')).toHaveLength(3); // 1 + 2 retries
  });

  test('a 502 that clears up within the retries still posts', async () => {
    fake.fault('graphql', faults.badGatewayHtml(2));
    expect(await run('pull_request', 'pull_request.json')).toMatchObject({ status: 'posted', action: 'created' });
  });

  test('500 on the GraphQL viewer query', async () => {
    fake.fault('graphql', { status: 500, body: { message: 'Server Error' } });
    const result = await run('pull_request', 'pull_request.json');
    expect(result).toMatchObject({
      status: 'failed',
      warning: expect.stringContaining("reading the token's login failed: GitHub API error 500"),
    });
  });

  test('connection refused', async () => {
    await fake.close();
    // The closed server's port now refuses connections.
    const result = await run('pull_request', 'pull_request.json');
    expect(result).toMatchObject({
      status: 'failed',
      warning: expect.stringMatching(/network error reaching the GitHub API \(.*ECONNREFUSED/),
    });
    fake = await startFakeGitHub();
  });

  test('a hung request times out per request (200 ms here) and is retried once, then failed', async () => {
    fake.fault('graphql', { hang: true });
    const started = Date.now();
    const result = await run('pull_request', 'pull_request.json', {
      client: fastClient({ requestTimeoutMs: 200, retries: 1 }),
    });
    expect(result).toEqual({
      status: 'failed',
      warning: "PR comment not posted: reading the token's login failed: GitHub API did not answer within 0.2 s",
    });
    expect(fake.log.filter((r) => r.route === 'graphql').map((r) => r.outcome)).toEqual(['hung', 'hung']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('the total budget stops a run whose requests each stay under their own timeout', async () => {
    fake.fault('listComments', { hang: true });
    const started = Date.now();
    const result = await run('pull_request', 'pull_request.json', {
      timeBudgetMs: 300,
      client: fastClient({ requestTimeoutMs: 10_000 }),
    });
    expect(result).toEqual({
      status: 'failed',
      warning: 'PR comment not posted: gave up after 0.3 s while commenting on PR #7 (the GitHub API is slow or hanging)',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('the spent budget aborts the hung request itself, and the client works again afterwards', async () => {
    fake.fault('listComments', { hang: true, times: 1 });
    const octokit = createClient(TOKEN, { baseUrl: fake.url, ...fastClient({ requestTimeoutMs: 10_000 }) });
    const result = await run('pull_request', 'pull_request.json', { octokit, timeBudgetMs: 300 });
    expect(result).toMatchObject({ status: 'failed', warning: expect.stringContaining('gave up after 0.3 s') });
    // Without the deadline on the request, the connection would stay open for its own 10 s timeout.
    const hung = fake.log.find((r) => r.outcome === 'hung');
    for (let i = 0; i < 50 && hung?.abandoned !== true; i++) await new Promise((r) => setTimeout(r, 20));
    expect(hung?.abandoned).toBe(true);
    // The deadline belonged to that step only: the same client, used again, is not aborted.
    const again = await run('pull_request', 'pull_request.json', { octokit });
    expect(again).toMatchObject({ status: 'posted', action: 'created' });
  });

  test('the token never appears in a returned message, even when the API echoes it', async () => {
    fake.fault('createComment', { status: 500, echoAuthorization: true });
    const result = await run('pull_request', 'pull_request.json');
    expect(result.status).toBe('failed');
    const text = JSON.stringify(result);
    expect(text).not.toContain(TOKEN);
    // The echo did reach the message, so this proves the redaction, not an absence.
    expect(text).toContain('Authorization: token ***');
  });

  test('no client (an empty github-token) is a failure with a reason and no request, not a throw', async () => {
    const result = await run('pull_request', 'pull_request.json', { octokit: null });
    expect(result).toMatchObject({ status: 'failed', warning: expect.stringContaining('input `github-token` is empty') });
    expect(fake.log).toEqual([]);
  });

  test('a render function that throws is a failure, not a throw', async () => {
    const result = await run('pull_request', 'pull_request.json', {
      render: () => {
        throw new Error('boom');
      },
    });
    expect(result).toEqual({ status: 'failed', warning: 'PR comment not posted: rendering the comment failed: boom' });
  });
});

describe('comment-timeout and the per-request timeout', () => {
  test('each request gets min(15 s, budget / 4): the documented rule', () => {
    expect([600_000, 60_000, 20_000, 4000, 1000].map(requestTimeoutFor)).toEqual([15_000, 15_000, 5000, 1000, 250]);
  });
});
