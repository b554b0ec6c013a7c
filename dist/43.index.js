export const id = 43;
export const ids = [43];
export const modules = {

/***/ 31043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  appendRunHistory: () => (/* reexport */ appendRunHistory),
  baselineLocator: () => (/* reexport */ baselineLocator),
  createClient: () => (/* reexport */ createClient),
  historyRole: () => (/* reexport */ historyRole),
  postComment: () => (/* reexport */ postComment),
  postErrorComment: () => (/* reexport */ postErrorComment),
  readRunHistory: () => (/* reexport */ readRunHistory),
  requestTimeoutFor: () => (/* reexport */ requestTimeoutFor)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/github/artifacts/download.ts + 4 modules
var download = __webpack_require__(27310);
// EXTERNAL MODULE: ./src/sources/baseline-files.ts
var baseline_files = __webpack_require__(7797);
;// CONCATENATED MODULE: ./src/github/baseline-ports.ts
/**
 * The GitHub side of locating a baseline (src/baseline/ports.ts): runs of a
 * workflow through the Actions REST API and artifacts of another run through
 * the artifact client, both built by main.ts from `github-token` (which needs
 * `actions: read` here).
 */




async function baselineLocator(edge) {
    const { env, octokit } = edge;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '/').split('/');
    const scope = (runId) => ({ kind: 'other-run', runId, owner, repo });
    const ports = {
        findFiles: (patterns, dir, label, scope) => (0,baseline_files/* findFiles */.l)(patterns, dir, label, scope),
        async listWorkflowRuns({ workflow, branch, page, perPage }) {
            if (octokit === null) {
                throw new Error('input `github-token` is empty: workflow runs are read through the REST API with a token that has `actions: read`');
            }
            const response = await octokit.rest.actions.listWorkflowRuns({
                owner,
                repo,
                workflow_id: workflow,
                branch,
                status: 'success',
                per_page: perPage,
                page,
            });
            return response.data.workflow_runs.map((r) => ({
                id: r.id,
                runNumber: r.run_number,
                headSha: r.head_sha,
                event: r.event,
                conclusion: r.conclusion ?? null,
                headRepository: r.head_repository?.full_name ?? null,
                htmlUrl: r.html_url ?? null,
            }));
        },
        async downloadArtifact({ name, runId, destination }) {
            // Absent (never uploaded or expired) is null, so the caller can try an older run.
            const listed = await edge.artifacts.list(scope(runId));
            if (!listed.some((a) => a.name === name))
                return null;
            const { artifacts } = await (0,download/* downloadArtifacts */.U)({ selection: { kind: 'names', names: [name] }, scope: scope(runId) }, { destination, client: edge.artifacts });
            return { path: artifacts[0].directory };
        },
    };
    return {
        ports,
        context: {
            workspace: edge.workspace,
            downloadDir: await (0,promises_.mkdtemp)((0,external_node_path_.join)(edge.tempDir, 'tailgate-baseline-')),
            repository: env.GITHUB_REPOSITORY ?? null,
            defaultBranch: await baseBranch(env.GITHUB_EVENT_PATH),
            currentRunId: env.GITHUB_RUN_ID ? Number(env.GITHUB_RUN_ID) : null,
            serverUrl: env.GITHUB_SERVER_URL ?? null,
        },
    };
}
/** The PR's base branch, else the repository's default branch, from the event payload. */
async function baseBranch(eventPath) {
    if (!eventPath)
        return null;
    try {
        const payload = JSON.parse(await (0,promises_.readFile)(eventPath, 'utf8'));
        const get = (o, ...keys) => keys.reduce((v, k) => (v !== null && typeof v === 'object' ? v[k] : undefined), o);
        const ref = get(payload, 'pull_request', 'base', 'ref') ?? get(payload, 'repository', 'default_branch');
        return typeof ref === 'string' ? ref : null;
    }
    catch {
        return null;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(85555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


// EXTERNAL MODULE: ./src/report/redact.ts
var redact = __webpack_require__(20649);
;// CONCATENATED MODULE: ./src/github/timed-fetch.ts
/**
 * Thrown when one request gets no answer in time. Octokit turns any fetch
 * error other than an `AbortError` into a RequestError with status 500, so the
 * retry plugin retries a timed-out request like a 5xx: a single stalled
 * connection should not cost the comment.
 */
class RequestTimeoutError extends Error {
    timeoutMs;
    constructor(timeoutMs) {
        super(`GitHub API did not answer within ${formatSeconds(timeoutMs)}`);
        this.timeoutMs = timeoutMs;
        this.name = 'RequestTimeoutError';
    }
}
/**
 * Thrown once the caller's deadline has passed. Its name is `AbortError` on
 * purpose: Octokit rethrows an AbortError as it is (not as a RequestError), and
 * the retry plugin never retries what is not a RequestError, so nothing keeps
 * knocking after the budget is spent.
 */
class DeadlineError extends Error {
    constructor(message) {
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
function timedFetch(base, timeoutMs) {
    return async (url, init) => {
        const caller = init?.signal ?? undefined;
        if (caller?.aborted)
            throw deadlineReason(caller);
        // AbortSignal.timeout's timer is unref'd: it never keeps the process alive.
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = caller ? AbortSignal.any([timeout, caller]) : timeout;
        try {
            return await base(url, { ...init, signal });
        }
        catch (error) {
            if (caller?.aborted)
                throw deadlineReason(caller);
            if (timeout.aborted)
                throw new RequestTimeoutError(timeoutMs);
            throw error;
        }
    };
}
function deadlineReason(deadline) {
    const reason = deadline.reason;
    return reason instanceof DeadlineError ? reason : new DeadlineError('the time budget for GitHub requests ran out');
}
function formatSeconds(ms) {
    const s = ms / 1000;
    return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/github/client.ts






const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * Each request's share of the comment step's budget: min(15 s, budget / 4).
 * A quarter leaves room for the first try and both retries of one request
 * (with their back-off, which scales with the timeout) inside the budget, so
 * a hang is reported as such rather than as a spent budget; 15 s is GitHub's
 * slowest normal answer with room to spare. The docs of `comment-timeout`
 * (action.yml, and the Inputs table generated from it) state this rule.
 */
function requestTimeoutFor(budgetMs) {
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
function createClient(token, opts) {
    if (token.trim() === '')
        throw new Error('no GitHub token was given (input `github-token` is empty)');
    (0,redact/* registerSecret */.cl)(token);
    const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const info = opts.log;
    const debug = opts.debug;
    const rateLimitRetries = opts.rateLimitRetries ?? 2;
    const maxWait = opts.maxRateLimitWaitSeconds ?? 30;
    const baseUrl = (opts.baseUrl ?? utils/* defaults */.NT.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const onLimit = (kind) => (retryAfter, options, _octokit, retryCount) => {
        const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait;
        info(`GitHub ${kind} rate limit on ${options.method} ${options.url}: ` +
            (retrying ? `retrying in ${retryAfter} s (retry ${retryCount + 1} of ${rateLimitRetries})` : 'giving up'));
        return retrying;
    };
    return (0,github/* getOctokit */.Q)(token, {
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
        log: { debug: () => { }, info: () => { }, warn: (m) => debug(m), error: (m) => debug(m) },
    }, dist_bundle/* retry */.L, throttling);
}
/**
 * Runs `work` with `signal` added to every request `octokit` makes meanwhile:
 * each page of a listing and each retry (the retry plugin re-sends the same
 * options). When it aborts, the request in flight fails at once and nothing
 * is retried (timed-fetch.ts). A hook rather than a per-call option because
 * Octokit's paginator drops per-call request options after the first page.
 */
async function withSignal(octokit, signal, work) {
    const addSignal = (request, options) => {
        // Every hook of the chain is bound to this one options object (before-after-hook), so the signal must be set on it,
        // not passed along; replaced, not mutated, because `options.request` may be the client's own defaults object.
        options.request = { ...options.request, signal };
        return request(options);
    };
    octokit.hook.wrap('request', addSignal);
    try {
        return await work();
    }
    finally {
        octokit.hook.remove('request', addSignal);
    }
}
/**
 * @actions/github's fetch routes through the runner's proxy settings, but its
 * dispatcher was chosen for the API URL read at import time. For any other
 * base URL (an explicit one, as in tests) that choice may be wrong, so we use
 * Node's own fetch there.
 */
function pickFetch(baseUrl) {
    const proxied = utils/* defaults */.NT.request?.fetch;
    const importedBase = (utils/* defaults */.NT.baseUrl ?? '').replace(/\/+$/, '');
    if (isFetch(proxied) && baseUrl === importedBase) {
        return (url, init) => Promise.resolve(proxied(url, init));
    }
    return (url, init) => fetch(url, init);
}
/** Octokit types its `request.fetch` option loosely; any function there is called as fetch is. */
function isFetch(value) {
    return typeof value === 'function';
}

// EXTERNAL MODULE: ./src/action/runner.ts
var runner = __webpack_require__(75242);
// EXTERNAL MODULE: ./src/github/check.ts
var check = __webpack_require__(35611);
;// CONCATENATED MODULE: ./src/github/errors.ts


const MAX_DETAIL = 160;
function asHttpFailure(error) {
    if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number')
        return undefined;
    const request = 'request' in error ? error.request : undefined;
    const method = isRecord(request) && typeof request.method === 'string' ? request.method : 'GET';
    const response = 'response' in error ? error.response : undefined;
    const headers = isRecord(response) && isRecord(response.headers) ? response.headers : {};
    return { status: error.status, message: error.message, method, hasResponse: isRecord(response), headers, cause: error.cause };
}
/** The HTTP status of an Octokit request failure; undefined for anything else. */
function httpStatus(error) {
    return asHttpFailure(error)?.status;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null;
}
/**
 * True when a failed write may still have reached GitHub: a 5xx, a network
 * error or a timeout. After such a create we list again before deciding.
 */
function isAmbiguousFailure(error) {
    const failure = asHttpFailure(error);
    if (failure)
        return failure.status >= 500 || !failure.hasResponse;
    return error instanceof Error && error.name !== 'AbortError';
}
/**
 * One short line for a warning. GitHub error pages (an HTML 502) become the
 * error message verbatim in Octokit, so pages are reduced to their <title>
 * or stripped of tags, and everything is cut to one line of ~160 characters.
 * Secrets are redacted first: cutting first could leave a token's first
 * characters at the cut, where no whole token is left to find.
 */
function oneLine(text) {
    let s = (0,redact/* redact */.E$)(text);
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
function describeFailure(step, error) {
    return (0,redact/* redact */.E$)(describe(step, error));
}
function describe(step, error) {
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
        if (failure.cause instanceof RequestTimeoutError)
            return `${step} failed: ${oneLine(failure.cause.message)}`;
        return `${step} failed: network error reaching the GitHub API (${oneLine(networkDetail(failure.cause) ?? message)})`;
    }
    const write = method !== 'GET' && method !== 'HEAD';
    if (status === 401)
        return `${step} failed: GitHub rejected the token (401 ${detail}); check \`github-token\``;
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
    if (status >= 500)
        return `${step} failed: GitHub API error ${status} (${detail}) after retries`;
    return `${step} failed: ${status} ${detail}`;
}
/**
 * The most specific text in a fetch error's cause chain: Node's fetch throws
 * "fetch failed" with the socket error ("connect ECONNREFUSED …") as its cause,
 * sometimes an AggregateError with an empty message and only a `code`. Read by
 * shape, not instanceof: errors may come from another realm (jest's VM).
 */
function networkDetail(cause) {
    let found;
    for (let c = cause, depth = 0; isRecord(c) && depth < 5; c = c.cause, depth++) {
        if (typeof c.message === 'string' && c.message !== '' && c.message !== 'fetch failed')
            found = c.message;
        else if (typeof c.code === 'string' && found === undefined)
            found = c.code;
    }
    return found;
}

// EXTERNAL MODULE: ./src/github/events.ts
var events = __webpack_require__(4254);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/github/viewer.ts


const viewerAnswer = schemas/* object */.Ikc({ viewer: schemas/* object */.Ikc({ login: schemas/* string */.YjP().min(1) }) });
/**
 * The login the token acts as, so we only ever touch our own comments.
 * GraphQL `viewer` works for every token kind; REST `GET /user` answers 403
 * to GITHUB_TOKEN and app tokens. Never hard-coded: a personal token posts as
 * its person, a GitHub App as `<app>[bot]`.
 */
async function getViewerLogin(octokit) {
    const data = await octokit.graphql('query { viewer { login } }');
    return (0,check/* checkShape */.e)(viewerAnswer, data, 'answer to the GraphQL viewer query').viewer.login;
}
/**
 * Compares logins across APIs: GraphQL gives `github-actions`, REST comment
 * authors give `github-actions[bot]`; GitHub logins are case-insensitive.
 */
function sameLogin(a, b) {
    return normalizeLogin(a) === normalizeLogin(b);
}
function normalizeLogin(login) {
    return login.replace(/\[bot\]$/i, '').toLowerCase();
}

;// CONCATENATED MODULE: ./src/github/comment.ts




/**
 * Creates or updates our one comment for `marker` on the PR.
 *
 * Ours = carries the marker AND was written by the viewer: another author's
 * comment that quotes the marker is left alone. GitHub lists issue comments by
 * ascending id (its documented order), so the first match is the oldest of
 * ours: we update it in place and stop paging there. With `createIfMissing:
 * false` (comment: on-breach without a breach) nothing is created.
 */
async function upsertStickyComment(octokit, target) {
    const existing = await findOwnComment(octokit, target);
    if (existing) {
        const updated = await updateComment(octokit, target, existing.id, target.body);
        return { action: 'updated', url: updated.html_url, id: updated.id, notes: [] };
    }
    if (target.createIfMissing === false)
        return { action: 'none' };
    return createOnce(octokit, target, target.body);
}
/**
 * Posts a new comment, then lists ours again and keeps only the oldest.
 *
 * The retry plugin re-sends a create whose answer was lost (a 5xx or a reset
 * after GitHub had already stored the comment), which leaves two copies; a
 * create that failed ambiguously may still have landed. Checking after every
 * create costs one listing on a PR's first run and also settles two runs that
 * raced to create. Extra copies are deleted; if the kept one is not the one we
 * just wrote, it gets our body.
 */
async function createOnce(octokit, target, body) {
    let created;
    let createError;
    try {
        const res = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            owner: target.owner,
            repo: target.repo,
            issue_number: target.issueNumber,
            body,
        });
        created = (0,check/* checkShape */.e)(events/* issueComment */.fF, res.data, 'answer to the comment create');
    }
    catch (error) {
        if (!isAmbiguousFailure(error))
            throw error;
        createError = error;
    }
    const ours = await listOwnComments(octokit, target);
    const kept = ours[0];
    if (!kept) {
        // Nothing listed: the create failed for real, or a lagging replica has not seen it yet.
        if (created)
            return { action: 'created', url: created.html_url, id: created.id, notes: [] };
        throw createError;
    }
    const notes = [];
    if (createError)
        notes.push('the create answered with an error, but the comment had been posted');
    for (const extra of ours.slice(1)) {
        try {
            await octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
                owner: target.owner,
                repo: target.repo,
                comment_id: extra.id,
            });
            notes.push(`deleted duplicate comment ${extra.id}`);
        }
        catch (error) {
            notes.push(describeFailure(`deleting duplicate comment ${extra.id}`, error));
        }
    }
    const final = kept.body === body ? kept : await updateComment(octokit, target, kept.id, body);
    return { action: 'created', url: final.html_url, id: final.id, notes };
}
async function updateComment(octokit, target, id, body) {
    const res = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: target.owner,
        repo: target.repo,
        comment_id: id,
        body,
    });
    return (0,check/* checkShape */.e)(events/* issueComment */.fF, res.data, 'answer to the comment update');
}
function isOurs(comment, target) {
    return comment.user !== null && sameLogin(comment.user.login, target.viewerLogin) && (comment.body ?? '').includes(target.marker);
}
function pages(octokit, target) {
    return octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        per_page: 100,
    });
}
/** The oldest of our comments with the marker, reading pages only until it is found. */
async function findOwnComment(octokit, target) {
    for await (const page of pages(octokit, target)) {
        const data = page.data;
        const found = (0,check/* checkShape */.e)(events/* issueCommentList */.Zi, data, 'answer listing the PR comments').find((c) => isOurs(c, target));
        if (found)
            return found;
    }
    return undefined;
}
/** All our comments with the marker, oldest (lowest id) first. */
async function listOwnComments(octokit, target) {
    const ours = [];
    for await (const page of pages(octokit, target)) {
        const data = page.data;
        ours.push(...(0,check/* checkShape */.e)(events/* issueCommentList */.Zi, data, 'answer listing the PR comments').filter((c) => isOurs(c, target)));
    }
    return ours.sort((a, b) => a.id - b.id);
}

// EXTERNAL MODULE: ./src/github/context.ts
var context = __webpack_require__(19556);
;// CONCATENATED MODULE: ./src/github/deadline.ts

/**
 * Runs `work` with a total time budget. When the budget runs out, `signal`
 * aborts (the client's fetch wrapper then fails every request at once, with no
 * retries) and `onExpired()` is returned without waiting for `work` to unwind:
 * back-off timers inside Octokit's plugins cannot hold the job. `work` must
 * not reject; a late rejection after expiry is ignored.
 */
async function withDeadline(budgetMs, work, onExpired) {
    const controller = new AbortController();
    let timer;
    const expired = new Promise((resolve) => {
        timer = setTimeout(() => {
            controller.abort(new DeadlineError('the time budget for the PR comment ran out'));
            resolve(onExpired());
        }, budgetMs);
    });
    const running = work(controller.signal);
    // After expiry nobody awaits `running`; keep a late rejection from becoming unhandled.
    running.catch(() => { });
    try {
        return await Promise.race([running, expired]);
    }
    finally {
        clearTimeout(timer);
    }
}

// EXTERNAL MODULE: ./src/github/event-plan.ts
var event_plan = __webpack_require__(78335);
;// CONCATENATED MODULE: ./src/github/marker.ts
/** Longest key kept in a marker; longer keys are cut (the marker stays one short line). */
const MAX_KEY = 100;
/**
 * Makes a comment key safe inside an HTML comment and stable across runs.
 * An HTML comment ends at `-->` and must not contain `--`, so runs of `-` are
 * collapsed and `>` is dropped with every other character outside a small
 * charset (letters, digits, space, `_ . , : / @ + = ( ) [ ] -`). Runs of
 * whitespace become one space. An empty result becomes `default`.
 *
 * @example sanitizeKey('CI / eval --> leg') === 'CI / eval - leg'
 */
function sanitizeKey(key) {
    const cleaned = key
        .replace(/\s+/g, ' ')
        .replace(/[^A-Za-z0-9 _.,:/@+=()[\]-]/g, '')
        .replace(/-{2,}/g, '-')
        .replace(/ {2,}/g, ' ')
        .trim()
        .slice(0, MAX_KEY)
        .trim();
    return cleaned === '' ? 'default' : cleaned;
}
/**
 * The hidden marker that identifies our sticky comment for one key. The closing
 * ` -->` also ends the key, so `ci/test` never matches `ci/test2`.
 */
function commentMarker(key) {
    return `<!-- tailgate:${sanitizeKey(key)} -->`;
}
/**
 * The default `comment-key`: workflow name and job id, so two workflows (or
 * two jobs) posting on one PR keep separate comments. Matrix legs share a
 * job id and must set their own key.
 */
function defaultCommentKey(env) {
    const workflow = env.GITHUB_WORKFLOW?.trim() ?? '';
    const job = env.GITHUB_JOB?.trim() ?? '';
    return sanitizeKey([workflow, job].filter((part) => part !== '').join('/'));
}

;// CONCATENATED MODULE: ./src/github/pull-request.ts




const pullList = schemas/* array */.YOg(events/* pullSummary */.oi);
/**
 * Finds the PR this run belongs to, for every event we support:
 * - pull_request / pull_request_target: from the payload, no API call.
 * - push: GET commits/{GITHUB_SHA}/pulls (GITHUB_SHA is the pushed head here).
 * - workflow_run: the payload's `pull_requests`; when that is empty (always for
 *   forks) GET pulls?head=<fork owner>:<branch>&state=open, and GET
 *   commits/{head_sha}/pulls, which returns [] for a commit that exists only in
 *   a fork, so forks ask pulls?head= first.
 * Only open PRs whose head is still the run's commit count: a PR that moved on
 * must not get an older run's numbers. No match is a skip, not an error.
 */
async function resolvePullRequest(octokit, ctx, plan = (0,event_plan/* planFromEvent */.g)(ctx)) {
    const base = { kind: 'pr', owner: ctx.owner, repo: ctx.repo, runUrl: ctx.runUrl, eventName: ctx.eventName };
    if (plan.kind === 'skip')
        return plan;
    if (plan.kind === 'known')
        return plan.pr;
    if (plan.kind === 'push') {
        const pr = await byCommit(octokit, ctx, plan.sha);
        if (pr)
            return { ...base, number: pr.number, headSha: plan.sha, isFork: isForkPull(pr, ctx) };
        return noPr(`no open pull request has ${pull_request_short(plan.sha)} as its head`);
    }
    if (plan.listed !== undefined) {
        return { ...base, number: plan.listed, headSha: plan.headSha, isFork: plan.isFork };
    }
    const lookups = [
        () => (plan.headLabel ? byHeadLabel(octokit, ctx, plan.headLabel, plan.headSha) : Promise.resolve(undefined)),
        () => byCommit(octokit, ctx, plan.headSha),
    ];
    if (!plan.isFork)
        lookups.reverse();
    for (const lookup of lookups) {
        const pr = await lookup();
        if (pr)
            return { ...base, number: pr.number, headSha: plan.headSha, isFork: plan.isFork };
    }
    return noPr(`no open pull request has ${pull_request_short(plan.headSha)} as its head`);
}
async function byCommit(octokit, ctx, sha) {
    const items = await octokit.paginate('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
        owner: ctx.owner,
        repo: ctx.repo,
        commit_sha: sha,
        per_page: 100,
    });
    return pickOpen((0,check/* checkShape */.e)(pullList, items, 'answer from GET commits/{sha}/pulls'), sha);
}
async function byHeadLabel(octokit, ctx, head, sha) {
    const items = await octokit.paginate('GET /repos/{owner}/{repo}/pulls', {
        owner: ctx.owner,
        repo: ctx.repo,
        head,
        state: 'open',
        per_page: 100,
    });
    return pickOpen((0,check/* checkShape */.e)(pullList, items, 'answer from GET pulls?head='), sha);
}
/** The open PR whose head is `sha`; the lowest number when a branch targets several bases. */
function pickOpen(pulls, sha) {
    return pulls.filter((p) => p.state === 'open' && p.head.sha === sha).sort((a, b) => a.number - b.number)[0];
}
function isForkPull(pr, ctx) {
    return pr.head.repo === null || !(0,events/* sameRepo */.Zj)(pr.head.repo.full_name, `${ctx.owner}/${ctx.repo}`);
}
function noPr(reason) {
    return { kind: 'skip', code: 'no-pr', reason };
}
function pull_request_short(sha) {
    return sha.slice(0, 7);
}

;// CONCATENATED MODULE: ./src/github/publish.ts











/** GitHub refuses longer bodies (it says 65,536 characters; it counts 262,144 UTF-8 bytes). */
const MAX_COMMENT_CHARS = 65_536;
const DEFAULT_BUDGET_MS = 60_000;
/**
 * The best-effort PR comment. It never throws and knows nothing of the verdict
 * beyond deciding whether to comment: every API problem becomes `failed` with
 * a one-line warning for main.ts to log. Modes:
 * - `off`: never.
 * - `auto`: pull_request, pull_request_target, and workflow_run runs that resolve to a PR.
 * - `always`: any event that resolves to a PR (push via commits/{sha}/pulls).
 * - `on-breach`: like `always`, but creates a comment only when something breached
 *   (hasBreach, or verdict fail/warn). An existing comment is still updated when
 *   nothing breached, so the PR never keeps showing a breach that is gone.
 */
async function publishComment(args) {
    const progress = { step: 'preparing the PR comment' };
    // The token was registered for redaction by whoever built the client (client.ts).
    const fail = (error) => ({
        status: 'failed',
        warning: (0,redact/* redact */.E$)(`PR comment not posted: ${describeFailure(progress.step, error)}`),
    });
    try {
        return await publish(args, progress);
    }
    catch (error) {
        return fail(error);
    }
}
async function publish(args, progress) {
    const { mode, env } = args;
    if (mode === 'off')
        return skip('off', 'comment: off');
    if (!env.GITHUB_EVENT_NAME || !env.GITHUB_EVENT_PATH) {
        return skip('context', 'not running in GitHub Actions, so there is no PR to comment on');
    }
    progress.step = 'reading the event payload';
    const ctx = await (0,context/* readRunContext */.$p)(env);
    const plan = (0,event_plan/* planFromEvent */.g)(ctx);
    if (plan.kind === 'skip')
        return skip(plan.code, plan.reason);
    if (mode === 'auto' && !event_plan/* PULL_REQUEST_EVENTS */.m.includes(ctx.eventName)) {
        return skip('mode', `comment: auto comments on pull_request, pull_request_target and workflow_run runs, not ${ctx.eventName}; set comment: always to comment from it`);
    }
    const breach = args.hasBreach || args.verdict === 'fail' || args.verdict === 'warn';
    const budget = args.timeBudgetMs ?? DEFAULT_BUDGET_MS;
    const marker = commentMarker(args.key.trim() === '' ? defaultCommentKey(env) : args.key);
    const { octokit } = args;
    if (octokit === null) {
        return {
            status: 'failed',
            warning: 'PR comment not posted: input `github-token` is empty; leave it at its default (${{ github.token }}) ' +
                'and grant `pull-requests: write`, or set `comment: off`',
        };
    }
    return withDeadline(budget, (signal) => withSignal(octokit, signal, () => commentOn(octokit, args, { ctx, plan, marker, breach }, progress)), () => ({
        status: 'failed',
        warning: `PR comment not posted: gave up after ${formatSeconds(budget)} while ${progress.step} (the GitHub API is slow or hanging)`,
    }));
}
/** Everything after the checks: find the PR, render, learn our login, create or update. Never rejects. */
async function commentOn(octokit, args, { ctx, plan, marker, breach }, progress) {
    try {
        progress.step = 'finding the pull request';
        const pr = await resolvePullRequest(octokit, ctx, plan);
        if (pr.kind === 'skip')
            return skip(pr.code, pr.reason);
        progress.step = 'rendering the comment';
        let body = args.render(marker, pr);
        if (!body.includes(marker))
            body = `${body}\n\n${marker}`;
        if (body.length > MAX_COMMENT_CHARS) {
            throw new Error(`the comment has ${body.length} characters; GitHub takes at most ${MAX_COMMENT_CHARS}`);
        }
        progress.step = "reading the token's login";
        const viewerLogin = await getViewerLogin(octokit);
        progress.step = `commenting on PR #${pr.number}`;
        const result = await upsertStickyComment(octokit, {
            owner: pr.owner,
            repo: pr.repo,
            issueNumber: pr.number,
            marker,
            body,
            viewerLogin,
            createIfMissing: args.mode !== 'on-breach' || breach,
        });
        if (result.action === 'none') {
            return skip('mode', 'comment: on-breach and nothing breached; there is no earlier comment to update');
        }
        const notes = result.notes.map((n) => (0,redact/* redact */.E$)(n));
        return { status: 'posted', action: result.action, url: result.url, pr, notes };
    }
    catch (error) {
        return { status: 'failed', warning: (0,redact/* redact */.E$)(`PR comment not posted: ${describeFailure(progress.step, error)}`) };
    }
}
function skip(code, reason) {
    return { status: 'skipped', code, reason };
}

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/sections/notes.ts
var notes = __webpack_require__(15098);
// EXTERNAL MODULE: ./src/report/sections/rank.ts
var rank = __webpack_require__(2449);
;// CONCATENATED MODULE: ./src/report/error-comment.ts
/**
 * The sticky comment of a run that errored before a verdict: it replaces
 * whatever an earlier run said, so a green comment never stays up on a PR
 * whose check has just failed (docs/pr-comment.md, "When something goes
 * wrong"). Pure: the message in, Markdown out; the GitHub layer posts it.
 */



function renderErrorComment(args) {
    const title = (0,report_escape/* escapeMarkdown */.F)(args.title ?? 'tailgate', 80);
    const link = args.runUrl === undefined ? null : (0,notes/* safeUrl */.Pl)(args.runUrl);
    const where = link === null ? 'the job log' : `the [workflow run](${link})`;
    const head = args.headSha !== undefined && /^[0-9a-f]{7,64}$/i.test(args.headSha) ? ` on \`${args.headSha.slice(0, 7)}\`` : '';
    return [
        args.marker,
        `### ${rank/* VERDICT_SYMBOL */.b4.error} tailgate: error`,
        '',
        `${title} failed before a verdict${head}, so there is no forecast for this commit; an earlier result in this comment no longer applies.`,
        '',
        `**What failed:** ${(0,report_escape/* escapeMarkdown */.F)(args.message, 600)}`,
        '',
        `Fix it and re-run; ${where} has the details.`,
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/report/markdown.ts + 14 modules
var markdown = __webpack_require__(48636);
// EXTERNAL MODULE: ./src/action/log.ts + 1 modules
var log = __webpack_require__(73436);
;// CONCATENATED MODULE: ./src/action/comment.ts
/**
 * The PR comment step of main.ts: render the report for the PR and hand it to
 * the GitHub edge, then log what happened. Never throws and never changes
 * the verdict (publishComment turns every fault into a warning).
 */






async function postComment(report, settings, { octokit, env }) {
    const result = await publishComment({
        mode: settings.comment,
        key: settings.commentKey,
        verdict: report.verdict,
        hasBreach: report.breaches.length > 0,
        // The comment shows the PR head and this run, whatever GITHUB_SHA says.
        render: (marker, pr) => (0,markdown/* renderMarkdown */.G)({ ...report, context: { ...report.context, sha: pr.headSha, runUrl: pr.runUrl } }, { marker, maxChars: MAX_COMMENT_CHARS }).body,
        octokit,
        env,
        timeBudgetMs: settings.commentTimeoutMs,
    });
    // The URL and notes come from the API's answers: log.* neutralises them.
    if (result.status === 'posted') {
        log/* log */.R.info(`tailgate: PR comment ${result.action}: ${result.url}`);
        for (const note of result.notes)
            log/* log */.R.info(note);
        (0,runner/* setOutput */.uH)('comment-url', (0,redact/* redact */.E$)(result.url));
    }
    else if (result.status === 'skipped') {
        (result.code === 'fork' ? log/* log */.R.notice : log/* log */.R.info)(`tailgate: PR comment skipped: ${result.reason}`);
    }
    else {
        log/* log */.R.warning(result.warning);
    }
}
/**
 * After an error: put the sticky comment into an error state that says what
 * failed and links the run. Only an existing comment is updated under
 * `comment: on-breach`; the other modes create one as they would for a verdict.
 * Best effort, like the verdict's comment: a fault here is a warning.
 */
async function postErrorComment(message, settings, { octokit, env }) {
    const result = await publishComment({
        mode: settings.comment,
        key: settings.commentKey,
        verdict: 'error',
        hasBreach: false,
        render: (marker, pr) => renderErrorComment({ marker, message: (0,redact/* redact */.E$)(message), runUrl: pr.runUrl, headSha: pr.headSha }),
        octokit,
        env,
        timeBudgetMs: settings.commentTimeoutMs,
    });
    if (result.status === 'posted')
        log/* log */.R.info(`tailgate: PR comment ${result.action} to the error state: ${result.url}`);
    else if (result.status === 'failed')
        log/* log */.R.warning(result.warning);
}

// EXTERNAL MODULE: ./src/domain/errors.ts
var errors = __webpack_require__(10241);
;// CONCATENATED MODULE: ./src/domain/history.ts
/** Bumped on a breaking change of the history file. */
const HISTORY_VERSION = 1;

;// CONCATENATED MODULE: ./src/decisions/history/record.ts
/**
 * History records: built from a report, appended with a bound on the file's
 * length, and read back from untrusted text with every size bounded
 * (docs/history.md).
 */



/** Records kept by default: the last 200 pushes, as benchmark-action keeps its data file bounded. */
const DEFAULT_KEEP = 200;
/** Largest history file read: 200 records of 50 behaviours at about 300 bytes each, with room to spare. */
const MAX_HISTORY_BYTES = 8 * 1024 * 1024;
/** Behaviours per record: the report's own bound on behaviours is far below this. */
const MAX_BEHAVIORS = 1000;
const MAX_RECORDS = 10_000;
const prob = schemas/* number */.aig().min(0).max(1);
const behavior = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().max(200),
    forecast: prob.nullable(),
    lower: prob.nullable(),
    upper: prob.nullable(),
    queries: schemas/* number */.aig().int().min(0),
    samplesPerQuery: schemas/* number */.aig().min(0).nullable(),
    queryIds: schemas/* string */.YjP().max(64).nullable(),
    status: schemas/* enum */.k5n(['pass', 'warn', 'fail', 'inconclusive', 'insufficient', 'not-gated', 'errors']),
});
const record = schemas/* object */.Ikc({
    commit: schemas/* string */.YjP().regex(/^[0-9a-f]{7,64}$/i),
    date: schemas/* string */.YjP().max(40),
    deploymentVolume: schemas/* number */.aig().positive(),
    behaviors: schemas/* array */.YOg(behavior).max(MAX_BEHAVIORS),
});
const file = schemas/* object */.Ikc({ version: schemas/* literal */.euz(HISTORY_VERSION), records: schemas/* array */.YOg(record).max(MAX_RECORDS) });
function emptyHistory() {
    return { version: HISTORY_VERSION, records: [] };
}
/** The compact record of a report: per behaviour the worst-query forecast, interval, m, k and query-id hash, and the status. */
function recordOf(report, commit) {
    return {
        commit,
        date: report.generatedAt,
        deploymentVolume: report.deploymentVolume,
        behaviors: report.behaviors.map((b) => ({
            name: b.name,
            forecast: b.worstQueryRisk.forecast,
            lower: b.worstQueryRisk.lower,
            upper: b.worstQueryRisk.upper,
            queries: b.queries,
            samplesPerQuery: b.fingerprint?.samplesPerQuery?.median ?? null,
            queryIds: b.fingerprint?.queryIds ?? null,
            status: b.status,
        })),
    };
}
/**
 * The file with `entry` appended, keeping the last `keep`. A record for a
 * commit already in the file replaces it (a re-run of the same push), so a
 * retry never doubles a point on the trend.
 */
function appendRecord(history, entry, keep) {
    const records = history.records.filter((r) => r.commit !== entry.commit);
    records.push(entry);
    return { version: HISTORY_VERSION, records: records.slice(Math.max(0, records.length - keep)) };
}
/** Reads a history file; `label` names it in errors (a path, or `tailgate-data:tailgate-history.json`). */
function parseHistory(text, label) {
    if (text.length > MAX_HISTORY_BYTES) {
        throw new errors/* InputError */.d(`History ${label}: ${text.length} characters, more than the ${MAX_HISTORY_BYTES} read; lower \`history-size\` or start a new file.`);
    }
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch {
        throw new errors/* InputError */.d(`History ${label} is not JSON; delete it (tailgate starts a new one) or restore it from the branch's log.`);
    }
    const parsed = file.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue.path.length === 0 ? 'the top level' : issue.path.join('.');
        throw new errors/* InputError */.d(`History ${label}: ${where} is not what tailgate writes (version ${HISTORY_VERSION}); delete the file (tailgate starts a new one) or restore it from the branch's log.`);
    }
    return parsed.data;
}
/** The file as written: one record per line, so a diff on the data branch shows the new record alone. */
function historyText(history) {
    const lines = history.records.map((r) => `    ${JSON.stringify(r)}`);
    return `{\n  "version": ${history.version},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

;// CONCATENATED MODULE: ./src/github/history-store.ts
/**
 * The history file on a data branch, through the contents API
 * (docs/history.md): read it on pull requests, append a record on pushes.
 *
 * Two pushes can append at once. Every write names the blob sha it replaces
 * (`PUT /repos/{owner}/{repo}/contents/{path}` with `sha`); GitHub answers 409
 * when the file moved on since it was read, and then the file is read again
 * and the record appended to the newer version, so no record is lost. The
 * data branch is created from the default branch's head when it does not
 * exist yet (`POST /repos/{owner}/{repo}/git/refs`). Needs `contents: write`.
 */




/** Appends the record; returns how many writes it took. Throws after `attempts` conflicts, naming the file. */
async function appendHistory(api, opts) {
    const attempts = opts.attempts ?? 5;
    let createdBranch = false;
    if ((await api.branchHead(opts.branch)) === null) {
        const head = await api.branchHead(opts.from);
        if (head === null)
            throw new Error(`cannot create the history branch ${opts.branch}: branch ${opts.from} has no head to start it from`);
        createdBranch = await createIfAbsent(api, opts.branch, head);
    }
    const label = `${opts.branch}:${opts.path}`;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        const current = await api.read(opts.path, opts.branch);
        const history = current === null ? emptyHistory() : parseHistory(current.text, label);
        const next = appendRecord(history, opts.record, opts.keep);
        const message = `tailgate history: ${opts.record.commit.slice(0, 7)}`;
        const outcome = await api.write(opts.path, opts.branch, historyText(next), current?.sha ?? null, message);
        if (outcome === 'written')
            return { attempts: attempt, createdBranch };
    }
    throw new Error(`history ${label}: the file changed under every one of ${attempts} writes; the record of ${opts.record.commit.slice(0, 7)} was not kept`);
}
/** Two runs may create the branch at once: a 422 "Reference already exists" means the other one did. */
async function createIfAbsent(api, branch, head) {
    try {
        await api.createBranch(branch, head);
        return true;
    }
    catch (error) {
        if (httpStatus(error) === 422 && (await api.branchHead(branch)) !== null)
            return false;
        throw error;
    }
}
/** The history on the data branch; an empty history when the branch or the file does not exist yet. */
async function readHistory(api, branch, path) {
    const current = await api.read(path, branch);
    return current === null ? emptyHistory() : parseHistory(current.text, `${branch}:${path}`);
}
const fileContent = schemas/* object */.Ikc({
    type: schemas/* literal */.euz('file'),
    sha: schemas/* string */.YjP(),
    content: schemas/* string */.YjP(),
    encoding: schemas/* string */.YjP(),
});
const refObject = schemas/* object */.Ikc({ object: schemas/* object */.Ikc({ sha: schemas/* string */.YjP() }) });
/** The contents API of `owner/repo` through Octokit. */
function contentsApi(octokit, owner, repo) {
    const notFound = (error) => httpStatus(error) === 404;
    return {
        async read(path, ref) {
            try {
                const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref });
                const data = (0,check/* checkShape */.e)(fileContent, response.data, `answer to GET contents/${path}`);
                // Over 1 MB the contents API leaves `content` empty (encoding "none").
                if (data.encoding !== 'base64')
                    throw new Error(`history ${ref}:${path} is over the 1 MB the contents API returns; lower \`history-size\``);
                return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
            }
            catch (error) {
                if (notFound(error))
                    return null;
                throw error;
            }
        },
        async write(path, branch, text, sha, message) {
            try {
                await octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', {
                    owner,
                    repo,
                    path,
                    branch,
                    message,
                    content: Buffer.from(text, 'utf8').toString('base64'),
                    ...(sha === null ? {} : { sha }),
                });
                return 'written';
            }
            catch (error) {
                const status = httpStatus(error);
                if (status === 409 || (status === 422 && sha === null))
                    return 'conflict';
                throw error;
            }
        },
        async branchHead(branch) {
            try {
                const response = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
                return (0,check/* checkShape */.e)(refObject, response.data, `answer to GET git/ref/heads/${branch}`).object.sha;
            }
            catch (error) {
                if (notFound(error))
                    return null;
                throw error;
            }
        },
        async createBranch(branch, sha) {
            await octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha });
        },
    };
}

// EXTERNAL MODULE: ./src/sources/open-inside.ts
var open_inside = __webpack_require__(9013);
// EXTERNAL MODULE: ./src/sources/output-files.ts
var output_files = __webpack_require__(58927);
;// CONCATENATED MODULE: ./src/sources/history-file.ts
/**
 * The history file in the workspace (`history: file`, docs/history.md), read
 * and written under the workspace rule (docs/security.md): it must really lie
 * inside the workspace, its read is bounded, and it is written whole (a
 * temporary file renamed over it), never through a link.
 */





const LABEL = 'Input `history-path`';
/**
 * The file's text; null when it does not exist yet (the first push starts
 * it). `workspace` scope: it must really lie in the workspace; `named` (the
 * CLI): any path the user names, read inside its own folder.
 */
function readHistoryFile(workspace, input, scope = 'workspace') {
    const file = (0,external_node_path_.resolve)(workspace, input);
    const root = scope === 'workspace' ? workspace : (0,external_node_path_.dirname)(file);
    try {
        const tooBig = (size) => new errors/* InputError */.d(`History ${input}: ${size} bytes, more than the ${MAX_HISTORY_BYTES} read; lower \`history-size\` or start a new file.`);
        return (0,open_inside/* readInsideSync */.yn)({ path: file, name: `history ${input}`, root }, MAX_HISTORY_BYTES, tooBig).toString('utf8');
    }
    catch (err) {
        if (err instanceof errors/* InputError */.d)
            throw err;
        if (typeof err === 'object' && err !== null && Reflect.get(err, 'code') === 'ENOENT')
            return null;
        throw new errors/* InputError */.d(`History ${input}: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}; check \`history-path\`.`);
    }
}
/** Writes the file whole, after the same checks as the report files. */
async function writeHistoryFile(workspace, input, text) {
    const file = await (0,output_files/* checkOutputPath */.$b)(input, LABEL, workspace, 'workspace');
    await (0,output_files/* writeFileWhole */.tG)(file, text, LABEL);
}

;// CONCATENATED MODULE: ./src/action/history.ts
/**
 * The history steps of main.ts (docs/history.md). On a push to the default
 * branch the run's record is appended; on pull-request runs the history is
 * read for the trend and the creep rule. Both are best effort: a history
 * that cannot be read is a note in the report, one that cannot be written a
 * warning, and neither changes the verdict by failing.
 */







const pushPayload = schemas/* object */.Ikc({
    ref: schemas/* string */.YjP().max(300),
    after: schemas/* string */.YjP().max(64).optional(),
    repository: schemas/* object */.Ikc({ default_branch: schemas/* string */.YjP().max(300) }),
});
async function historyRole(env) {
    let ctx;
    try {
        ctx = await (0,context/* readRunContext */.$p)(env);
    }
    catch (error) {
        return { kind: 'none', reason: error instanceof Error ? error.message : String(error) };
    }
    if (event_plan/* PULL_REQUEST_EVENTS */.m.includes(ctx.eventName))
        return { kind: 'read', owner: ctx.owner, repo: ctx.repo };
    if (ctx.eventName !== 'push')
        return { kind: 'none', reason: `a ${ctx.eventName} run neither appends to nor reads the history` };
    const push = pushPayload.safeParse(ctx.payload);
    if (!push.success)
        return { kind: 'none', reason: 'the push payload names no ref or default branch' };
    const { ref, repository } = push.data;
    if (ref !== `refs/heads/${repository.default_branch}`) {
        return { kind: 'none', reason: `only pushes to the default branch (${repository.default_branch}) append to the history` };
    }
    const sha = ctx.sha || push.data.after || '';
    if (!/^[0-9a-f]{7,64}$/i.test(sha))
        return { kind: 'none', reason: 'the push names no commit sha' };
    return { kind: 'append', sha, defaultBranch: repository.default_branch, owner: ctx.owner, repo: ctx.repo };
}
/** Where messages and the report say the history is. */
function historySource(history) {
    return history.store === 'branch' ? `${history.branch}:${history.path}` : history.path;
}
/** The history for a pull-request run; a failure to read it is a note, never an error. */
async function readRunHistory(history, role, edge) {
    if (role.kind !== 'read')
        return undefined;
    const base = { source: historySource(history), window: history.window };
    try {
        if (history.store === 'file') {
            const text = readHistoryFile(edge.workspace, history.path);
            if (text === null)
                return { ...base, file: null, note: `no history file ${history.path} in the workspace yet` };
            return { ...base, file: parseHistory(text, history.path), note: null };
        }
        if (edge.octokit === null)
            return { ...base, file: null, note: 'no `github-token` to read the history branch with' };
        const file = await readHistory(contentsApi(edge.octokit, role.owner, role.repo), history.branch, history.path);
        return { ...base, file, note: file.records.length === 0 ? `no history on ${base.source} yet` : null };
    }
    catch (error) {
        return { ...base, file: null, note: `the history could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
}
/** Appends the report's record on a push to the default branch; a failure is a warning. */
async function appendRunHistory(report, history, role, edge) {
    if (role.kind !== 'append') {
        log/* log */.R.info(`tailgate: history not appended: ${role.kind === 'none' ? role.reason : 'a pull-request run only reads it'}`);
        return;
    }
    const record = recordOf(report, role.sha);
    const where = historySource(history);
    try {
        if (history.store === 'file') {
            const text = readHistoryFile(edge.workspace, history.path);
            const file = text === null ? emptyHistory() : parseHistory(text, history.path);
            await writeHistoryFile(edge.workspace, history.path, historyText(appendRecord(file, record, history.size)));
            log/* log */.R.info(`tailgate: history ${where}: record of ${role.sha.slice(0, 7)} appended`);
            return;
        }
        if (edge.octokit === null)
            throw new Error('no `github-token` to write the history branch with');
        const api = contentsApi(edge.octokit, role.owner, role.repo);
        const done = await appendHistory(api, {
            branch: history.branch,
            path: history.path,
            from: role.defaultBranch,
            record,
            keep: history.size,
        });
        log/* log */.R.info(`tailgate: history ${where}: record of ${role.sha.slice(0, 7)} appended${done.createdBranch ? ` (branch ${history.branch} created)` : ''}${done.attempts > 1 ? ` after ${done.attempts} tries` : ''}`);
    }
    catch (error) {
        log/* log */.R.warning(`tailgate: history ${where}: the record of ${role.sha.slice(0, 7)} was not kept: ${error instanceof Error ? error.message : String(error)}. The verdict stands; with \`history: branch\` the job needs \`permissions: contents: write\`.`);
    }
}

;// CONCATENATED MODULE: ./src/action/github-edge.ts
/**
 * Everything the action loads lazily to talk to GitHub, in one module that
 * main.ts imports at most once (docs/performance.md: Octokit is most of the
 * bundle, and a run on local files never needs it).
 *
 * One module, not one dynamic import per feature: ncc gives each dynamic
 * import its own chunk, with its own copy of every module two chunks share.
 * With a chunk for the client and another for the comment, the comment's copy
 * of `RequestTimeoutError` was not the class the client threw, so an
 * `instanceof` failed and a request timeout read as a network error.
 */






/***/ })

};
