export const id = 760;
export const ids = [760,154];
export const modules = {

/***/ 54760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postComment: () => (/* binding */ postComment),
  postErrorComment: () => (/* binding */ postErrorComment)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 13 modules
var core = __webpack_require__(77094);
// EXTERNAL MODULE: ./src/github/client.ts + 1 modules
var client = __webpack_require__(43154);
// EXTERNAL MODULE: ./src/github/check.ts
var check = __webpack_require__(35611);
// EXTERNAL MODULE: ./src/github/errors.ts
var errors = __webpack_require__(73116);
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
        if (!(0,errors/* isAmbiguousFailure */.Jh)(error))
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
            notes.push((0,errors/* describeFailure */.Ic)(`deleting duplicate comment ${extra.id}`, error));
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
// EXTERNAL MODULE: ./src/github/timed-fetch.ts
var timed_fetch = __webpack_require__(88465);
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
            controller.abort(new timed_fetch/* DeadlineError */.j3('the time budget for the PR comment ran out'));
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

// EXTERNAL MODULE: ./src/report/redact.ts
var redact = __webpack_require__(20649);
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
        warning: (0,redact/* redact */.E$)(`PR comment not posted: ${(0,errors/* describeFailure */.Ic)(progress.step, error)}`),
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
    return withDeadline(budget, (signal) => (0,client/* withSignal */.l)(octokit, signal, () => commentOn(octokit, args, { ctx, plan, marker, breach }, progress)), () => ({
        status: 'failed',
        warning: `PR comment not posted: gave up after ${(0,timed_fetch/* formatSeconds */.Xo)(budget)} while ${progress.step} (the GitHub API is slow or hanging)`,
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
        return { status: 'failed', warning: (0,redact/* redact */.E$)(`PR comment not posted: ${(0,errors/* describeFailure */.Ic)(progress.step, error)}`) };
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
        core/* setOutput */.uH('comment-url', (0,redact/* redact */.E$)(result.url));
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


/***/ }),

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
