/**
 * upsertStickyComment through the real Octokit (retry plugin on) against the
 * loopback fake. Throttling is off here only to skip GitHub's 1 s spacing of
 * writes; __tests__/github/publish.test.ts runs the full stack.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createClient, type GitHubClient } from '../../src/github/client.js';
import { upsertStickyComment } from '../../src/github/comment.js';
import { commentMarker } from '../../src/github/marker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const REPO = 'octo-org/octo-repo';
const PR = 7;
const MARKER = commentMarker('evals/gate');
const BOT = 'github-actions[bot]';

let fake: FakeGitHub;
let octokit: GitHubClient;

beforeEach(async () => {
  fake = await startFakeGitHub();
  octokit = createClient('ghs_test', {
    baseUrl: fake.url,
    retries: 2,
    retryAfterBaseValue: 1,
    requestTimeoutMs: 2000,
    throttling: false,
    debug: () => {},
    log: () => {},
  });
});
afterEach(async () => {
  await fake.close();
});

const target = (body: string, extra: { createIfMissing?: boolean } = {}) => ({
  owner: 'octo-org',
  repo: 'octo-repo',
  issueNumber: PR,
  marker: MARKER,
  // GraphQL's viewer login has no [bot] suffix; REST authors have it (docs/pr-comment.md).
  viewerLogin: 'github-actions',
  body,
  ...extra,
});

const requests = (route: string) => fake.log.filter((r) => r.route === route);

describe('create, then update in place', () => {
  test('the first run creates one comment, the second updates that same comment', async () => {
    const first = await upsertStickyComment(octokit, target(`${MARKER}\nrun 1`));
    expect(first).toMatchObject({ action: 'created' });
    const second = await upsertStickyComment(octokit, target(`${MARKER}\nrun 2`));
    expect(second).toMatchObject({ action: 'updated' });
    const comments = fake.comments(REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toBe(`${MARKER}\nrun 2`);
    expect(first.action !== 'none' && second.action !== 'none' && first.id === second.id).toBe(true);
    expect(second).toMatchObject({ url: `https://github.com/${REPO}/pull/${PR}#issuecomment-${comments[0].id}` });
    expect(requests('updateComment')).toHaveLength(1);
  });

  test("another author's comment with our marker is left alone, and ours is created beside it", async () => {
    const theirs = fake.addComment(REPO, PR, `quoting the bot: ${MARKER}`, 'octocat');
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nours`));
    expect(result).toMatchObject({ action: 'created' });
    const comments = fake.comments(REPO, PR);
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === theirs.id)!.body).toBe(`quoting the bot: ${MARKER}`);
    expect(requests('updateComment')).toHaveLength(0);
    expect(requests('deleteComment')).toHaveLength(0);
  });

  test('our comment for another key is not ours for this key', async () => {
    fake.addComment(REPO, PR, `${commentMarker('evals/gate2')}\nother leg`, BOT);
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nthis leg`));
    expect(result).toMatchObject({ action: 'created' });
    expect(fake.comments(REPO, PR).map((c) => c.body)).toEqual([`${commentMarker('evals/gate2')}\nother leg`, `${MARKER}\nthis leg`]);
  });

  test('with two of ours already there, the oldest is updated', async () => {
    const older = fake.addComment(REPO, PR, `${MARKER}\nold`, BOT);
    const newer = fake.addComment(REPO, PR, `${MARKER}\nnewer`, BOT);
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nfresh`));
    expect(result).toMatchObject({ action: 'updated', id: older.id });
    expect(fake.comments(REPO, PR).find((c) => c.id === newer.id)!.body).toBe(`${MARKER}\nnewer`);
  });

  test('a personal token matches its own comments case-insensitively', async () => {
    await fake.close();
    fake = await startFakeGitHub({ viewerLogin: 'Octocat', commentAuthor: 'octocat' });
    octokit = createClient('ghp_test', { baseUrl: fake.url, throttling: false, retryAfterBaseValue: 1, debug: () => {}, log: () => {} });
    const mine = fake.addComment(REPO, PR, `${MARKER}\nold`, 'octocat');
    const result = await upsertStickyComment(octokit, { ...target(`${MARKER}\nnew`), viewerLogin: 'Octocat' });
    expect(result).toMatchObject({ action: 'updated', id: mine.id });
  });

  test('createIfMissing: false creates nothing when there is no comment yet', async () => {
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nx`, { createIfMissing: false }));
    expect(result).toEqual({ action: 'none' });
    expect(requests('createComment')).toHaveLength(0);
  });
});

describe('pagination (Link rel="next", 100 per page)', () => {
  const seed = (count: number, oursAt: number) => {
    let ours = 0;
    for (let i = 0; i < count; i++) {
      if (i === oursAt) ours = fake.addComment(REPO, PR, `${MARKER}\nold`, BOT).id;
      else fake.addComment(REPO, PR, `comment ${i}`, i % 2 === 0 ? 'octocat' : BOT);
    }
    return ours;
  };

  test('our comment on page 3 of 3 (index 220 of 250) is found and updated, not duplicated', async () => {
    const ours = seed(250, 220);
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nnew`));
    expect(result).toMatchObject({ action: 'updated', id: ours });
    // 250 comments at 100 a page: pages 1, 2, 3.
    expect(requests('listComments').map((r) => [r.query.page ?? '1', r.query.per_page])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    expect(fake.comments(REPO, PR)).toHaveLength(250);
  });

  test('our comment on page 2 of 3: listing stops there (GitHub lists by ascending id, so it is the oldest)', async () => {
    const ours = seed(250, 150);
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nnew`));
    expect(result).toMatchObject({ action: 'updated', id: ours });
    expect(requests('listComments').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  test('no comment of ours in 201 comments: all 3 pages are read, then one is created', async () => {
    seed(201, -1);
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nnew`));
    expect(result).toMatchObject({ action: 'created' });
    // 3 pages to look, then 3 pages again to check for duplicates after the create (202 comments).
    expect(requests('listComments').map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3', '1', '2', '3']);
  });
});

describe('duplicates from a retried create', () => {
  test('a create stored by GitHub whose answer was lost is retried; the extra copy is deleted, the oldest kept', async () => {
    fake.fault('createComment', { commitThenDrop: true, times: 1 });
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nbody`));
    // The retry plugin sent the POST twice; GitHub stored both.
    expect(requests('createComment').map((r) => r.outcome)).toEqual(['dropped', 201]);
    const [deleted] = requests('deleteComment');
    const left = fake.comments(REPO, PR);
    expect(left).toHaveLength(1);
    expect(result).toMatchObject({ action: 'created', id: left[0].id });
    // The kept one is the first stored: its id is lower than the deleted one's.
    expect(Number(deleted.path.split('/').pop())).toBeGreaterThan(left[0].id);
    expect(result.action !== 'none' && result.notes.some((n) => n.startsWith('deleted duplicate comment'))).toBe(true);
  });

  test('every attempt stored but none answered: the create "fails", yet one comment stays and it is reported posted', async () => {
    fake.fault('createComment', { commitThenDrop: true });
    const result = await upsertStickyComment(octokit, target(`${MARKER}\nbody`));
    expect(requests('createComment')).toHaveLength(3); // 1 + 2 retries
    expect(requests('deleteComment')).toHaveLength(2);
    const left = fake.comments(REPO, PR);
    expect(left).toHaveLength(1);
    expect(result).toMatchObject({ action: 'created', id: left[0].id });
    expect(result.action !== 'none' && result.notes).toContain('the create answered with an error, but the comment had been posted');
  });

  test('a create that failed with a 5xx and stored nothing still throws', async () => {
    fake.fault('createComment', { status: 500, body: { message: 'Server Error' } });
    await expect(upsertStickyComment(octokit, target(`${MARKER}\nbody`))).rejects.toMatchObject({ status: 500 });
    expect(fake.comments(REPO, PR)).toHaveLength(0);
  });

  test("another author's marker comment is never deleted by the duplicate clean-up", async () => {
    fake.addComment(REPO, PR, `${MARKER}\nby a human`, 'octocat');
    fake.fault('createComment', { commitThenDrop: true, times: 1 });
    await upsertStickyComment(octokit, target(`${MARKER}\nbody`));
    const left = fake.comments(REPO, PR);
    expect(left.map((c) => c.user.login)).toEqual(['octocat', BOT]);
  });
});
