import { getOctokit } from '@actions/github';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { log } from '../action/log.js';
import { timedFetch, type FetchLike } from './timed-fetch.js';

/** The Octokit we use: @actions/github's REST + paginate, plus retry and throttling. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  /** API root. Default: the `GITHUB_API_URL` that @actions/github read when it was imported. */
  baseUrl?: string;
  /** Per-request limit in ms (default 15 000). Octokit has none, so a hung API would hold the job. */
  requestTimeoutMs?: number;
  /** Aborting this signal fails every in-flight and later request at once, without retries (the caller's deadline). */
  signal?: AbortSignal;
  /** Retries of 5xx and network errors by @octokit/plugin-retry (default 2; the plugin's own default is 3). */
  retries?: number;
  /** Retries after a primary or secondary rate limit (default 2). */
  rateLimitRetries?: number;
  /** Longest rate-limit wait worth retrying, in seconds (default 30): a primary limit can reset an hour away. */
  maxRateLimitWaitSeconds?: number;
  /**
   * Milliseconds per unit of back-off (default 1000). The retry plugin waits
   * (retry count)² units; the throttling plugin waits `retry-after` units.
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
  /** Where rate-limit notes go (default the action log, which redacts and neutralises: action/log.ts). */
  log?: (message: string) => void;
  /** Where Octokit's internal warnings go (default the action's debug log). */
  debug?: (message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * An authenticated Octokit for the comment step. Only main.ts (via
 * publish.ts) constructs it; everything else receives it as a parameter.
 *
 * - @octokit/plugin-retry retries 5xx and network errors with (n+1)² back-off
 *   and leaves 400/401/403/404/410/422/451 alone (its documented doNotRetry).
 * - @octokit/plugin-throttling needs both handlers (it throws at construction
 *   otherwise); they retry a couple of times when the wait is short.
 * - Every request gets a timeout through a fetch wrapper (see timed-fetch.ts).
 */
export function createClient(token: string, opts: ClientOptions = {}): GitHubClient {
  if (token.trim() === '') throw new Error('no GitHub token was given (input `github-token` is empty)');
  const info = opts.log ?? log.info;
  const debug = opts.debug ?? log.debug;
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
      request: { fetch: timedFetch(pickFetch(baseUrl), opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal) },
      retry: { retries: opts.retries ?? 2, retryAfterBaseValue: opts.retryAfterBaseValue ?? 1000 },
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
