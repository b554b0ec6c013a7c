import { getOctokit } from '@actions/github';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { registerSecret } from '../report/redact.js';
import { timedFetch, type FetchLike } from './timed-fetch.js';

/** The Octokit we use: @actions/github's REST + paginate, plus retry and throttling. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  /** API root. Default: the `GITHUB_API_URL` that @actions/github read when it was imported. */
  baseUrl?: string;
  /** Per-request limit in ms (default 15 000; main.ts passes {@link requestTimeoutFor} the comment budget). Octokit has none, so a hung API would hold the job. */
  requestTimeoutMs?: number;
  /** Retries of 5xx and network errors by @octokit/plugin-retry (default 2; the plugin's own default is 3). */
  retries?: number;
  /** Retries after a primary or secondary rate limit (default 2). */
  rateLimitRetries?: number;
  /** Longest rate-limit wait worth retrying, in seconds (default 30): a primary limit can reset an hour away. */
  maxRateLimitWaitSeconds?: number;
  /**
   * Milliseconds per unit of back-off. The retry plugin waits (retry count)²
   * units (default: requestTimeoutMs / 15, so 1 s at the default timeout and
   * proportionally less under a short `comment-timeout`); the throttling
   * plugin waits `retry-after` units (default 1000: GitHub asks in seconds).
   * Tests set it to 1 so that no real back-off sleeps happen.
   */
  retryAfterBaseValue?: number;
  /**
   * Throttling key. The plugin's Bottleneck groups are shared by every client
   * in the process and keyed by this id: requests under one id are spaced
   * (writes 1 s apart, comment creates 3 s apart, as GitHub asks). Default: the
   * plugin's own shared key. Tests give each run its own id.
   */
  throttleId?: string;
  /**
   * Default true. False drops the throttling plugin's spacing and rate-limit
   * retries; only for tests about other things, which would otherwise wait
   * the 1 s GitHub asks between writes.
   */
  throttling?: boolean;
  /**
   * Where rate-limit notes go. main.ts passes the action log (action/log.ts),
   * which redacts and neutralises; passed in so that github/ never reaches
   * back into the runner sinks.
   */
  log: (message: string) => void;
  /** Where Octokit's internal warnings go (main.ts: the action's debug log). */
  debug: (message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Each request's share of the comment step's budget: min(15 s, budget / 4).
 * A quarter leaves room for the first try and both retries of one request
 * (with their back-off, which scales with the timeout) inside the budget, so
 * a hang is reported as such rather than as a spent budget; 15 s is GitHub's
 * slowest normal answer with room to spare. The docs of `comment-timeout`
 * (action.yml, and the Inputs table generated from it) state this rule.
 */
export function requestTimeoutFor(budgetMs: number): number {
  return Math.min(DEFAULT_TIMEOUT_MS, budgetMs / 4);
}

/**
 * The authenticated Octokit. Only main.ts constructs it, once; everything
 * else receives it as a parameter. The token is registered for redaction
 * here too (report/redact.ts), so no caller can forget it.
 *
 * - @octokit/plugin-retry retries 5xx and network errors with (n+1)² back-off
 *   and leaves 400/401/403/404/409/410/422/451 alone: its documented
 *   doNotRetry plus 409, a conflict (the history file moved on) that the
 *   same request can never resolve; history-store.ts reads again instead.
 * - @octokit/plugin-throttling needs both handlers (it throws at construction
 *   otherwise); they retry a couple of times when the wait is short.
 * - Every request gets a timeout through a fetch wrapper (see timed-fetch.ts).
 */
export function createClient(token: string, opts: ClientOptions): GitHubClient {
  if (token.trim() === '') throw new Error('no GitHub token was given (input `github-token` is empty)');
  registerSecret(token);
  const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const info = opts.log;
  const debug = opts.debug;
  const rateLimitRetries = opts.rateLimitRetries ?? 2;
  const maxWait = opts.maxRateLimitWaitSeconds ?? 30;
  const baseUrl = (opts.baseUrl ?? actionsDefaults.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');

  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait;
      info(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: ` +
          (retrying ? `retrying in ${retryAfter} s (retry ${retryCount + 1} of ${rateLimitRetries})` : 'giving up'),
      );
      return retrying;
    };

  return getOctokit(
    token,
    {
      baseUrl,
      // Our `request` replaces @actions/github's defaults wholesale (Octokit
      // merges options shallowly), so we pass its proxy-aware fetch on ourselves.
      request: { fetch: timedFetch(pickFetch(baseUrl), requestTimeoutMs) },
      retry: {
        retries: opts.retries ?? 2,
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
        retryAfterBaseValue: opts.retryAfterBaseValue ?? requestTimeoutMs / 15,
      },
      throttle: {
        enabled: opts.throttling ?? true,
        ...(opts.throttleId === undefined ? {} : { id: opts.throttleId }),
        retryAfterBaseValue: opts.retryAfterBaseValue ?? 1000,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
      log: { debug: () => {}, info: () => {}, warn: (m: string) => debug(m), error: (m: string) => debug(m) },
    },
    retry,
    throttling,
  );
}

/**
 * Runs `work` with `signal` added to every request `octokit` makes meanwhile:
 * each page of a listing and each retry (the retry plugin re-sends the same
 * options). When it aborts, the request in flight fails at once and nothing
 * is retried (timed-fetch.ts). A hook rather than a per-call option because
 * Octokit's paginator drops per-call request options after the first page.
 */
export async function withSignal<T>(octokit: GitHubClient, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const addSignal: Parameters<typeof octokit.hook.wrap<'request'>>[1] = (request, options) => {
    // Every hook of the chain is bound to this one options object (before-after-hook), so the signal must be set on it,
    // not passed along; replaced, not mutated, because `options.request` may be the client's own defaults object.
    options.request = { ...options.request, signal };
    return request(options);
  };
  octokit.hook.wrap('request', addSignal);
  try {
    return await work();
  } finally {
    octokit.hook.remove('request', addSignal);
  }
}

/**
 * @actions/github's fetch routes through the runner's proxy settings, but its
 * dispatcher was chosen for the API URL read at import time. For any other
 * base URL (an explicit one, as in tests) that choice may be wrong, so we use
 * Node's own fetch there.
 */
function pickFetch(baseUrl: string): FetchLike {
  const proxied: unknown = actionsDefaults.request?.fetch;
  const importedBase = (actionsDefaults.baseUrl ?? '').replace(/\/+$/, '');
  if (isFetch(proxied) && baseUrl === importedBase) {
    return (url, init) => Promise.resolve(proxied(url, init));
  }
  return (url, init) => fetch(url, init);
}

/** Octokit types its `request.fetch` option loosely; any function there is called as fetch is. */
function isFetch(value: unknown): value is FetchLike {
  return typeof value === 'function';
}
