import { redact } from '../report/redact.js';
import { RequestTimeoutError } from './timed-fetch.js';

const MAX_DETAIL = 160;

/** The fields of an Octokit RequestError we read, checked at runtime rather than cast. */
interface HttpFailure {
  status: number;
  message: string;
  method: string;
  /** False when no HTTP response came back (refused, reset, timed out): Octokit reports those as status 500. */
  hasResponse: boolean;
  headers: Record<string, unknown>;
  cause: unknown;
}

function asHttpFailure(error: unknown): HttpFailure | undefined {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') return undefined;
  const request: unknown = 'request' in error ? error.request : undefined;
  const method = isRecord(request) && typeof request.method === 'string' ? request.method : 'GET';
  const response: unknown = 'response' in error ? error.response : undefined;
  const headers = isRecord(response) && isRecord(response.headers) ? response.headers : {};
  return { status: error.status, message: error.message, method, hasResponse: isRecord(response), headers, cause: error.cause };
}

/** The HTTP status of an Octokit request failure; undefined for anything else. */
export function httpStatus(error: unknown): number | undefined {
  return asHttpFailure(error)?.status;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * True when a failed write may still have reached GitHub: a 5xx, a network
 * error or a timeout. After such a create we list again before deciding.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  const failure = asHttpFailure(error);
  if (failure) return failure.status >= 500 || !failure.hasResponse;
  return error instanceof Error && error.name !== 'AbortError';
}

/**
 * One short line for a warning. GitHub error pages (an HTML 502) become the
 * error message verbatim in Octokit, so pages are reduced to their <title>
 * or stripped of tags, and everything is cut to one line of ~160 characters.
 * Secrets are redacted first: cutting first could leave a token's first
 * characters at the cut, where no whole token is left to find.
 */
export function oneLine(text: string): string {
  let s = redact(text);
  if (/<(html|!doctype|head|body)\b/i.test(s)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(s);
    s = title?.[1] ?? s.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  // GitHub appends " - https://docs.github.com/..." to JSON messages: useful, but not in a one-line warning.
  s = s
    .replace(/\s+-\s+https:\/\/docs\.github\.com\/\S*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s;
}

/**
 * Why a GitHub call failed, in words a user can act on. `step` names what we
 * were doing ("listing the PR's comments"). Every piece of a foreign message
 * goes through {@link oneLine}, which redacts before it cuts; the whole is
 * redacted once more, for the parts that are not cut.
 */
export function describeFailure(step: string, error: unknown): string {
  return redact(describe(step, error));
}

function describe(step: string, error: unknown): string {
  const failure = asHttpFailure(error);
  // Our DeadlineError (named AbortError so that nothing retries it) carries a status 500 set by Octokit.
  if (!failure || (error instanceof Error && error.name === 'AbortError')) {
    const message = error instanceof Error ? error.message : String(error);
    return `${step} failed: ${oneLine(message)}`;
  }
  const { status, message, method } = failure;
  const detail = oneLine(message);
  if (!failure.hasResponse) {
    // Octokit wraps our RequestTimeoutError in a RequestError; the original stays in `cause`.
    if (failure.cause instanceof RequestTimeoutError) return `${step} failed: ${oneLine(failure.cause.message)}`;
    return `${step} failed: network error reaching the GitHub API (${oneLine(networkDetail(failure.cause) ?? message)})`;
  }
  const write = method !== 'GET' && method !== 'HEAD';
  if (status === 401) return `${step} failed: GitHub rejected the token (401 ${detail}); check \`github-token\``;
  if (status === 403 || status === 429) {
    if (/rate limit/i.test(message) || failure.headers['x-ratelimit-remaining'] === '0') {
      return `${step} failed: GitHub rate limit reached (${status} ${detail})`;
    }
    return write
      ? `${step} failed: the token cannot write comments (fork PR or missing \`pull-requests: write\`) (${status} ${detail})`
      : `${step} failed: the token cannot read this (${status} ${detail}); check the workflow's \`permissions\``;
  }
  if (status === 404) {
    return `${step} failed: not found (404): the repository or PR is not visible to this token, or was deleted`;
  }
  if (status === 422 && /too long/i.test(message)) {
    return `${step} failed: the comment is too long for GitHub (422 ${detail}); it must stay under 65,536 characters`;
  }
  if (status >= 500) return `${step} failed: GitHub API error ${status} (${detail}) after retries`;
  return `${step} failed: ${status} ${detail}`;
}

/**
 * The most specific text in a fetch error's cause chain: Node's fetch throws
 * "fetch failed" with the socket error ("connect ECONNREFUSED …") as its cause,
 * sometimes an AggregateError with an empty message and only a `code`. Read by
 * shape, not instanceof: errors may come from another realm (jest's VM).
 */
function networkDetail(cause: unknown): string | undefined {
  let found: string | undefined;
  for (let c = cause, depth = 0; isRecord(c) && depth < 5; c = c.cause, depth++) {
    if (typeof c.message === 'string' && c.message !== '' && c.message !== 'fetch failed') found = c.message;
    else if (typeof c.code === 'string' && found === undefined) found = c.code;
  }
  return found;
}
