export const id = 999;
export const ids = [999];
export const modules = {

/***/ 73116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   Jh: () => (/* binding */ isAmbiguousFailure),
/* harmony export */   nG: () => (/* binding */ httpStatus)
/* harmony export */ });
/* unused harmony export oneLine */
/* harmony import */ var _report_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20649);
/* harmony import */ var _timed_fetch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88465);


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
    let s = (0,_report_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(text);
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
    return (0,_report_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(describe(step, error));
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
        if (failure.cause instanceof _timed_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .RequestTimeoutError */ .DH)
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


/***/ }),

/***/ 13999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   appendHistory: () => (/* binding */ appendHistory),
/* harmony export */   contentsApi: () => (/* binding */ contentsApi),
/* harmony export */   readHistory: () => (/* binding */ readHistory)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var _decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8955);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(35611);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73116);
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
        const history = current === null ? (0,_decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyHistory */ .s4)() : (0,_decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHistory */ .i6)(current.text, label);
        const next = (0,_decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__/* .appendRecord */ .EB)(history, opts.record, opts.keep);
        const message = `tailgate history: ${opts.record.commit.slice(0, 7)}`;
        const outcome = await api.write(opts.path, opts.branch, (0,_decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__/* .historyText */ .u_)(next), current?.sha ?? null, message);
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
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .httpStatus */ .nG)(error) === 422 && (await api.branchHead(branch)) !== null)
            return false;
        throw error;
    }
}
/** The history on the data branch; an empty history when the branch or the file does not exist yet. */
async function readHistory(api, branch, path) {
    const current = await api.read(path, branch);
    return current === null ? (0,_decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyHistory */ .s4)() : (0,_decisions_history_record_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHistory */ .i6)(current.text, `${branch}:${path}`);
}
const fileContent = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    type: zod__WEBPACK_IMPORTED_MODULE_3__/* .literal */ .euz('file'),
    sha: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    content: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    encoding: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
});
const refObject = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ object: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ sha: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP() }) });
/** The contents API of `owner/repo` through Octokit. */
function contentsApi(octokit, owner, repo) {
    const notFound = (error) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .httpStatus */ .nG)(error) === 404;
    return {
        async read(path, ref) {
            try {
                const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref });
                const data = (0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .checkShape */ .e)(fileContent, response.data, `answer to GET contents/${path}`);
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
                const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .httpStatus */ .nG)(error);
                if (status === 409 || (status === 422 && sha === null))
                    return 'conflict';
                throw error;
            }
        },
        async branchHead(branch) {
            try {
                const response = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
                return (0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .checkShape */ .e)(refObject, response.data, `answer to GET git/ref/heads/${branch}`).object.sha;
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
