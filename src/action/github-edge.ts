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
export { baselineLocator } from '../github/baseline-ports.js';
export { createClient, requestTimeoutFor } from '../github/client.js';
export { postComment, postErrorComment } from './comment.js';
export { appendRunHistory, historyRole, readRunHistory } from './history.js';
