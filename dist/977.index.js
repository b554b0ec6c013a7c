export const id = 977;
export const ids = [977];
export const modules = {

/***/ 87977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   baselineLocator: () => (/* binding */ baselineLocator)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _artifacts_download_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27310);
/* harmony import */ var _sources_baseline_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7797);
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
        findFiles: (patterns, dir, label, scope) => (0,_sources_baseline_files_js__WEBPACK_IMPORTED_MODULE_3__/* .findFiles */ .l)(patterns, dir, label, scope),
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
            const { artifacts } = await (0,_artifacts_download_js__WEBPACK_IMPORTED_MODULE_2__/* .downloadArtifacts */ .U)({ selection: { kind: 'names', names: [name] }, scope: scope(runId) }, { destination, client: edge.artifacts });
            return { path: artifacts[0].directory };
        },
    };
    return {
        ports,
        context: {
            workspace: edge.workspace,
            downloadDir: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(edge.tempDir, 'tailgate-baseline-')),
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
        const payload = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(eventPath, 'utf8'));
        const get = (o, ...keys) => keys.reduce((v, k) => (v !== null && typeof v === 'object' ? v[k] : undefined), o);
        const ref = get(payload, 'pull_request', 'base', 'ref') ?? get(payload, 'repository', 'default_branch');
        return typeof ref === 'string' ? ref : null;
    }
    catch {
        return null;
    }
}


/***/ })

};
