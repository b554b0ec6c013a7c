/**
 * Reading the runner's env and event payload (no API calls). Fixtures in
 * fixtures/events/ follow the webhook payload shapes in GitHub's docs and
 * @octokit/webhooks examples, trimmed to a few fields.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContextError, readRunContext, runUrl } from '../../src/github/context.js';
import { planFromEvent } from '../../src/github/event-plan.js';
import { actionsEnv } from '../helpers/fake-github.js';

const event = (name: string) => fileURLToPath(new URL(`../fixtures/events/${name}`, import.meta.url));
const plan = async (eventName: string, file: string, sha?: string) =>
  planFromEvent(await readRunContext(actionsEnv({ apiUrl: 'http://unused', eventName, eventPath: event(file), sha })));

describe('planFromEvent', () => {
  test('pull_request: number and head.sha from the payload, not GITHUB_SHA (the merge commit)', async () => {
    const p = await plan('pull_request', 'pull_request.json', 'fefefefefefefefefefefefefefefefefefefefe');
    expect(p).toEqual({
      kind: 'known',
      pr: {
        kind: 'pr',
        owner: 'octo-org',
        repo: 'octo-repo',
        number: 7,
        headSha: '1111111111111111111111111111111111111111',
        isFork: false,
        runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/4242',
        eventName: 'pull_request',
      },
    });
  });

  test('pull_request from a fork, or from a deleted fork (head.repo null): skip, the token is read-only', async () => {
    expect(await plan('pull_request', 'pull_request-fork.json')).toMatchObject({ kind: 'skip', code: 'fork' });
    expect(await plan('pull_request', 'pull_request-deleted-fork.json')).toMatchObject({ kind: 'skip', code: 'fork' });
  });

  test("pull_request_target from a fork runs with the base repository's token, so it may comment", async () => {
    expect(await plan('pull_request_target', 'pull_request-fork.json')).toMatchObject({
      kind: 'known',
      pr: { number: 8, isFork: true, headSha: '2222222222222222222222222222222222222222' },
    });
  });

  test('push: the SHA to look up is GITHUB_SHA', async () => {
    expect(await plan('push', 'push.json', '3333333333333333333333333333333333333333')).toEqual({
      kind: 'push',
      sha: '3333333333333333333333333333333333333333',
    });
  });

  test('workflow_run: head_sha; listed PR used when present; fork gives owner:branch for pulls?head=', async () => {
    expect(await plan('workflow_run', 'workflow_run.json')).toEqual({
      kind: 'workflow_run',
      headSha: '1111111111111111111111111111111111111111',
      isFork: false,
      headLabel: 'octo-org:more-evals',
      listed: 7,
    });
    expect(await plan('workflow_run', 'workflow_run-fork.json')).toEqual({
      kind: 'workflow_run',
      headSha: '2222222222222222222222222222222222222222',
      isFork: true,
      headLabel: 'contributor:jailbreak-eval',
      listed: undefined,
    });
  });

  test('other events are skipped', async () => {
    expect(await plan('schedule', 'schedule.json')).toMatchObject({ kind: 'skip', code: 'event' });
  });

  test('a pull_request payload without pull_request is a ContextError naming the field', async () => {
    await expect(plan('pull_request', 'push.json')).rejects.toThrow(
      new ContextError('unexpected pull_request event payload at pull_request: missing; expected an object'),
    );
  });
});

describe('readRunContext', () => {
  test('missing runner variables: ContextError', async () => {
    await expect(readRunContext({})).rejects.toBeInstanceOf(ContextError);
  });

  test('an event file that is not JSON: ContextError naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailgate-event-'));
    const file = join(dir, 'event.json');
    writeFileSync(file, '{ not json');
    const env = actionsEnv({ apiUrl: 'http://unused', eventName: 'push', eventPath: file });
    await expect(readRunContext(env)).rejects.toThrow(`the event payload ${file} is not JSON`);
  });

  test('runUrl: server/repo/actions/runs/id, with /attempts/N only for a re-run', () => {
    const env = { GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '2' };
    expect(runUrl(env, 'o/r')).toBe('https://ghe.example.com/o/r/actions/runs/9/attempts/2');
    expect(runUrl({ GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '1' }, 'o/r')).toBe('https://github.com/o/r/actions/runs/9');
  });
});
