import { DeadlineError } from './timed-fetch.js';

/**
 * Runs `work` with a total time budget. When the budget runs out, `signal`
 * aborts (the client's fetch wrapper then fails every request at once, with no
 * retries) and `onExpired()` is returned without waiting for `work` to unwind:
 * back-off timers inside Octokit's plugins cannot hold the job. `work` must
 * not reject; a late rejection after expiry is ignored.
 */
export async function withDeadline<T>(budgetMs: number, work: (signal: AbortSignal) => Promise<T>, onExpired: () => T): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DeadlineError('the time budget for the PR comment ran out'));
      resolve(onExpired());
    }, budgetMs);
  });
  const running = work(controller.signal);
  // After expiry nobody awaits `running`; keep a late rejection from becoming unhandled.
  running.catch(() => {});
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
