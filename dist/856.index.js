export const id = 856;
export const ids = [856];
export const modules = {

/***/ 81856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsArtifactClient: () => (/* binding */ actionsArtifactClient)
/* harmony export */ });
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97500);
/* harmony import */ var _domain_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(10241);
/* harmony import */ var _report_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(20649);
/**
 * The real {@link ArtifactClientPort}: `@actions/artifact`'s DefaultArtifactClient.
 * main.ts builds it once, with the `github-token`, and passes it on.
 *
 * - This run: Twirp calls to ACTIONS_RESULTS_URL with the job's
 *   ACTIONS_RUNTIME_TOKEN (a JWT whose `scp` claim names the run and job),
 *   then a GET of the signed blob URL the service returns.
 * - Another run (`findBy`): REST under GITHUB_API_URL with the github-token,
 *   `GET .../actions/runs/{run}/artifacts` (paginated) and
 *   `GET .../actions/artifacts/{id}/zip`, which redirects to a blob URL.
 *
 * Import-time effects of the library: `@actions/github` fixes its REST base
 * URL from GITHUB_API_URL, and the listing fixes its page cap from
 * ACTIONS_ARTIFACT_MAX_ARTIFACT_COUNT, both when first imported. The runtime
 * token and results URL are read from process.env per call, by the library.
 */



function actionsArtifactClient({ token, env }) {
    // Any message built from the library's errors is redacted (report/redact.ts), whoever built this client.
    for (const secret of [token, env.ACTIONS_RUNTIME_TOKEN])
        (0,_report_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .registerSecret */ .cl)(secret);
    const client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
    const findOptions = (scope) => {
        if (scope.kind === 'this-run') {
            checkRuntime(env);
            return {};
        }
        return { findBy: { token, workflowRunId: scope.runId, repositoryOwner: scope.owner, repositoryName: scope.repo } };
    };
    return {
        async list(scope) {
            // latest: a re-run attempt re-uploads under the same name; keep the newest, as download-artifact does.
            const { artifacts } = await client.listArtifacts({ latest: true, ...findOptions(scope) });
            return artifacts.map((a) => ({ name: a.name, id: a.id, size: a.size, digest: a.digest }));
        },
        async download(artifact, scope, directory) {
            // skipDecompress: the library would unzip with unzip-stream, unbounded; extract.ts unzips under LIMITS.
            const { digestMismatch } = await client.downloadArtifact(artifact.id, {
                path: directory,
                skipDecompress: true,
                expectedHash: artifact.digest,
                ...findOptions(scope),
            });
            return { digestMismatch: digestMismatch === true };
        },
    };
}
/**
 * The runner gives ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL to action
 * steps only (not to `run:` scripts, not to a local CLI). Checked before the
 * library runs, whose own message ("Unable to get the ACTIONS_RUNTIME_TOKEN
 * env variable") does not say what to do.
 */
function checkRuntime(env) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((v) => !env[v]);
    if (missing.length === 0)
        return;
    throw new _domain_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(`Inputs \`artifact-name\`/\`artifact-pattern\` without \`run-id\` read artifacts of this workflow run through the runner's ` +
        `artifact service, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: this is not an action step ` +
        'on a GitHub Actions runner (a `run:` script or a local run). Run tailgate as a `uses:` step, or set `run-id` and ' +
        '`github-token` (with `actions: read`) to read the artifacts through the REST API.');
}


/***/ })

};
