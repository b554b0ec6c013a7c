/**
 * An error run puts the sticky comment into an error state: the comment an
 * earlier run left (green here) is updated in place, says what failed and
 * links the run. Real Octokit against the loopback fake GitHub.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { postComment, postErrorComment } from '../../src/action/comment.js';
import { createClient } from '../../src/github/client.js';
import type { Settings } from '../../src/config/settings.js';
import { renderErrorComment } from '../../src/report/error-comment.js';
import { passReport } from '../helpers/reports.js';
import { actionsEnv, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const REPO = 'octo-org/octo-repo';
const event = fileURLToPath(new URL('../fixtures/events/pull_request.json', import.meta.url));
// Generous: the fake answers at once, but a loaded machine can be slow to schedule it.
const commentSettings = { comment: 'auto', commentKey: 'evals', commentTimeoutMs: 60_000 } as const;

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub();
});
afterEach(async () => {
  await fake.close();
});

function edge() {
  const octokit = createClient('ghs_T0k3n', {
    baseUrl: fake.url,
    retries: 0,
    requestTimeoutMs: 15_000,
    throttling: false,
    debug: () => {},
    log: () => {},
  });
  return { octokit, env: actionsEnv({ apiUrl: fake.url, eventName: 'pull_request', eventPath: event }) };
}

test('an error run updates the existing sticky comment to an error state that says what failed and links the run', async () => {
  // A green comment from an earlier run.
  await postComment(passReport(), commentSettings as unknown as Settings, edge());
  const before = fake.comments(REPO, 7);
  expect(before).toHaveLength(1);
  expect(before[0].body).toContain('### ✅ tailgate: pass');

  await postErrorComment('results/eval.jsonl line 3: `score` is "high", not a number; fix the file and re-run', commentSettings, edge());

  const after = fake.comments(REPO, 7);
  // The same comment, updated: not a second one beside a stale green one.
  expect(after).toHaveLength(1);
  expect(after[0].id).toBe(before[0].id);
  expect(after[0].body).toContain('### 💥 tailgate: error');
  expect(after[0].body).not.toContain('✅');
  expect(after[0].body).toContain(
    '**What failed:** results/eval.jsonl line 3: \\`score\\` is "high", not a number; fix the file and re\\-run',
  );
  // The run id and head of the pull_request fixture (tests/fixtures/events/pull_request.json, actionsEnv).
  expect(after[0].body).toContain('[workflow run](https://github.com/octo-org/octo-repo/actions/runs/4242)');
  expect(after[0].body).toContain('on `1111111`');
});

test('the error body escapes what the message quotes from artifacts', () => {
  const body = renderErrorComment({ marker: '<!-- m -->', message: 'file </details><img src=x> @octocat', runUrl: 'javascript:alert(1)' });
  expect(body).not.toContain('<img');
  expect(body).toContain('&lt;img src\\=x&gt;');
  expect(body).not.toMatch(/@octocat/);
  // Not an http(s) URL: no link, the reader is sent to the job log.
  expect(body).not.toContain('](javascript');
  expect(body).toContain('the job log has the details');
});
