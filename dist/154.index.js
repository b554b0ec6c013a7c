export const id = 154;
export const ids = [154];
export const modules = {

/***/ 43154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createClient: () => (/* binding */ createClient),
  requestTimeoutFor: () => (/* binding */ requestTimeoutFor),
  l: () => (/* binding */ withSignal)
});

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
// EXTERNAL MODULE: ./src/github/timed-fetch.ts
var timed_fetch = __webpack_require__(88465);
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
        request: { fetch: (0,timed_fetch/* timedFetch */.kn)(pickFetch(baseUrl), requestTimeoutMs) },
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


/***/ }),

/***/ 88465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ RequestTimeoutError),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   j3: () => (/* binding */ DeadlineError),
/* harmony export */   kn: () => (/* binding */ timedFetch)
/* harmony export */ });
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


/***/ })

};
