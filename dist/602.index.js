export const id = 602;
export const ids = [602];
export const modules = {

/***/ 19602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  appendRunHistory: () => (/* binding */ appendRunHistory),
  historyRole: () => (/* binding */ historyRole),
  historySource: () => (/* binding */ historySource),
  readRunHistory: () => (/* binding */ readRunHistory)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/decisions/history/record.ts + 1 modules
var history_record = __webpack_require__(8955);
// EXTERNAL MODULE: ./src/github/context.ts
var context = __webpack_require__(19556);
// EXTERNAL MODULE: ./src/github/event-plan.ts
var event_plan = __webpack_require__(78335);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/domain/errors.ts
var errors = __webpack_require__(10241);
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
        const tooBig = (size) => new errors/* InputError */.d(`History ${input}: ${size} bytes, more than the ${history_record/* MAX_HISTORY_BYTES */.Yw} read; lower \`history-size\` or start a new file.`);
        return (0,open_inside/* readInsideSync */.yn)({ path: file, name: `history ${input}`, root }, history_record/* MAX_HISTORY_BYTES */.Yw, tooBig).toString('utf8');
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

// EXTERNAL MODULE: ./src/action/log.ts + 1 modules
var log = __webpack_require__(73436);
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
            return { ...base, file: (0,history_record/* parseHistory */.i6)(text, history.path), note: null };
        }
        if (edge.octokit === null)
            return { ...base, file: null, note: 'no `github-token` to read the history branch with' };
        const { contentsApi, readHistory } = await __webpack_require__.e(/* import() */ 999).then(__webpack_require__.bind(__webpack_require__, 13999));
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
    const record = (0,history_record/* recordOf */.zv)(report, role.sha);
    const where = historySource(history);
    try {
        if (history.store === 'file') {
            const text = readHistoryFile(edge.workspace, history.path);
            const file = text === null ? (0,history_record/* emptyHistory */.s4)() : (0,history_record/* parseHistory */.i6)(text, history.path);
            await writeHistoryFile(edge.workspace, history.path, (0,history_record/* historyText */.u_)((0,history_record/* appendRecord */.EB)(file, record, history.size)));
            log/* log */.R.info(`tailgate: history ${where}: record of ${role.sha.slice(0, 7)} appended`);
            return;
        }
        if (edge.octokit === null)
            throw new Error('no `github-token` to write the history branch with');
        const { appendHistory, contentsApi } = await __webpack_require__.e(/* import() */ 999).then(__webpack_require__.bind(__webpack_require__, 13999));
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


/***/ }),

/***/ 8955:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yw: () => (/* binding */ MAX_HISTORY_BYTES),
  EB: () => (/* binding */ appendRecord),
  s4: () => (/* binding */ emptyHistory),
  u_: () => (/* binding */ historyText),
  i6: () => (/* binding */ parseHistory),
  zv: () => (/* binding */ recordOf)
});

// UNUSED EXPORTS: DEFAULT_KEEP

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
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


/***/ })

};
