/** The slice of `fetch` Octokit calls: `fetch(url, init)`. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * Thrown when one request gets no answer in time. Octokit turns any fetch
 * error other than an `AbortError` into a RequestError with status 500, so the
 * retry plugin retries a timed-out request like a 5xx: a single stalled
 * connection should not cost the comment.
 */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`GitHub API did not answer within ${formatSeconds(timeoutMs)}`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * Thrown once the caller's deadline has passed. Its name is `AbortError` on
 * purpose: Octokit rethrows an AbortError as it is (not as a RequestError), and
 * the retry plugin never retries what is not a RequestError, so nothing keeps
 * knocking after the budget is spent.
 */
export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AbortError';
  }
}

/**
 * Wraps a fetch so that every request (each page of a listing, each retry)
 * has its own timeout. A request whose `signal` aborts (the comment step's
 * deadline, which client.ts `withSignal` adds to every request) fails with
 * a {@link DeadlineError}. Octokit has no request timeout of its own.
 */
export function timedFetch(base: FetchLike, timeoutMs: number): FetchLike {
  return async (url, init) => {
    const caller = init?.signal ?? undefined;
    if (caller?.aborted) throw deadlineReason(caller);
    // AbortSignal.timeout's timer is unref'd: it never keeps the process alive.
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = caller ? AbortSignal.any([timeout, caller]) : timeout;
    try {
      return await base(url, { ...init, signal });
    } catch (error) {
      if (caller?.aborted) throw deadlineReason(caller);
      if (timeout.aborted) throw new RequestTimeoutError(timeoutMs);
      throw error;
    }
  };
}

function deadlineReason(deadline: AbortSignal): Error {
  const reason: unknown = deadline.reason;
  return reason instanceof DeadlineError ? reason : new DeadlineError('the time budget for GitHub requests ran out');
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
