/**
 * Turns what the artifact client throws into errors a user can act on.
 *
 * The client throws two shapes: Octokit's RequestError (REST, other runs) with
 * a numeric `status`, and plain Errors from its Twirp client (this run) whose
 * message carries the status as "Failed request: (403) Forbidden". Both may
 * hold a whole HTML error page as their message, and neither is trusted to
 * keep a token out of it, so every message is trimmed and redacted here.
 */
import { InputError } from '../../domain/errors.js';
import { redact } from '../../report/redact.js';
import { describeScope, type ArtifactScope } from './port.js';

/** Longest piece of a foreign error message we repeat. */
const MAX_DETAIL = 300;

export interface FailureContext {
  /** What we were doing, e.g. "listing artifacts" or "downloading artifact 'eval-1'". */
  action: string;
  scope: ArtifactScope;
}

/** An InputError when the user can fix it (permissions, wrong run), else an Error with a trimmed message. */
export function translateFailure(err: unknown, ctx: FailureContext): Error {
  const where = `${ctx.action} of ${describeScope(ctx.scope)}`;
  // The github-token and the runtime token were registered by the client that holds them (client.ts).
  const detail = trimDetail(messageOf(err));
  const name = field(err, 'name') ?? '';
  if (name === 'GHESNotSupportedError') {
    return new InputError(
      `${where}: @actions/artifact v2+ does not support GitHub Enterprise Server. Download the artifacts with ` +
        'actions/download-artifact@v3 in an earlier step and point `results` at them.',
    );
  }
  const status = statusOf(err);
  // A secondary or primary rate limit also answers 403; saying "add actions: read" would send the user astray.
  if ((status === 401 || status === 403) && !/rate limit/i.test(detail)) return forbidden(where, status, ctx.scope, detail);
  if (status === 404 && ctx.scope.kind === 'other-run') {
    const { owner, repo, runId } = ctx.scope;
    return new InputError(
      `${where}: GitHub answered 404 (${detail}). Check \`run-id\` ${runId} and \`repository\` ${owner}/${repo}; ` +
        'GitHub also answers 404 when the github-token cannot see a private repository, so give it `actions: read` there.',
    );
  }
  if (name === 'ArtifactNotFoundError') {
    return new InputError(`${where}: the artifact is gone (${detail}); it was deleted or expired after the listing. Re-run the workflow.`);
  }
  return new Error(`${where} failed: ${detail}`);
}

function forbidden(where: string, status: number, scope: ArtifactScope, detail: string): InputError {
  if (scope.kind === 'other-run') {
    return new InputError(
      `${where}: GitHub answered ${status} (${detail}): the github-token lacks \`actions: read\` on ${scope.owner}/${scope.repo}. ` +
        'Add `permissions: actions: read` to the job, or pass a token that can read that repository.',
    );
  }
  return new InputError(
    `${where}: the runner's artifact service answered ${status} (${detail}): it refused this job's ACTIONS_RUNTIME_TOKEN. ` +
      'Artifacts of a run can be read this way only by an action step of that same run; from anywhere else set `run-id` ' +
      'and `github-token` (with `actions: read`) to read them through the REST API.',
  );
}

/** The HTTP status behind an error: Octokit's `status`, or the Twirp client's "Failed request: (403)". */
export function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number') return err.status;
  const m = /Failed request: \((\d{3})\)/.exec(messageOf(err));
  return m === null ? undefined : Number(m[1]);
}

/**
 * A foreign message made safe to show: secrets and pieces of them replaced by `***`, an HTML
 * page reduced to its title, whitespace collapsed, at most MAX_DETAIL chars.
 */
export function trimDetail(message: string, secrets: readonly string[] = []): string {
  // Before the cut below: see report/redact.ts (pieces of a token go too).
  let text = redact(message, secrets);
  if (/<\s*(!doctype|html|head|body)\b/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    text = title ? `an HTML error page titled '${title}'` : 'an HTML error page';
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text === '') return 'no details';
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 3)}...` : text;
}

/** Read by shape, not `instanceof Error`: an error may come from another realm (a vm, a bundled copy). */
function messageOf(err: unknown): string {
  return field(err, 'message') ?? String(err);
}

function field(err: unknown, key: 'name' | 'message'): string | undefined {
  if (typeof err !== 'object' || err === null || !(key in err)) return undefined;
  const value: unknown = Reflect.get(err, key);
  return typeof value === 'string' ? value : undefined;
}
