/**
 * The artifact inputs (`artifact-name`, `artifact-pattern`, `run-id`,
 * `repository`) as one {@link ArtifactSettings}, for readSettings. Pure: the
 * input values and the current repository are passed in. Cross-field rules
 * throw InputErrors that name the inputs; the token's value never appears in
 * a message.
 */
import { InputError } from '../domain/errors.js';
import { parseMultiline } from './parse.js';
import type { ArtifactSelection, ArtifactSettings } from './settings.js';

/**
 * Characters upload-artifact refuses in a name (@actions/artifact
 * validateArtifactName). A requested name holding one can never match, so it
 * is a mistake worth naming now; `*` and `?` usually mean a pattern.
 */
const NEVER_IN_NAMES = ['"', ':', '<', '>', '|', '*', '?', '\\', '/'];

/** GitHub logins: letters, digits, single hyphens. Repository names: letters, digits, `.`, `_`, `-`. */
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/**
 * `null` when neither `artifact-name` nor `artifact-pattern` is set and no
 * `run-id`/`repository` asks for one (`github-token` alone means nothing: it
 * defaults to `${{ github.token }}` for the PR comment). `get` gives an
 * input's trimmed value ('' when unset); `currentRepository` is the
 * runner's GITHUB_REPOSITORY, the default of `repository`.
 */
export function readArtifactSettings(get: (name: string) => string, currentRepository: string | undefined): ArtifactSettings | null {
  const names = parseMultiline(get('artifact-name'));
  const patterns = parseMultiline(get('artifact-pattern'));
  const runIdRaw = get('run-id').trim();
  const repositoryRaw = get('repository').trim();
  const token = get('github-token').trim();

  if (names.length > 0 && patterns.length > 0) {
    throw new InputError(
      'Inputs `artifact-name` and `artifact-pattern` are mutually exclusive: set `artifact-name` for exact names, ' +
        'or `artifact-pattern` for a glob such as eval-shard-*, not both.',
    );
  }
  if (repositoryRaw !== '' && runIdRaw === '') {
    throw new InputError(
      `Input \`repository\` is set to ${quote(repositoryRaw, token)} but \`run-id\` is not: artifacts of another repository ` +
        'come from one of its runs; set `run-id` too, or remove `repository`.',
    );
  }
  if (names.length === 0 && patterns.length === 0) {
    if (runIdRaw !== '') {
      throw new InputError(
        'Input `run-id` is set but neither `artifact-name` nor `artifact-pattern` is: ' +
          "say which artifacts of that run to read (artifact-pattern: '*' reads all).",
      );
    }
    return null;
  }
  for (const name of names) checkName(name);
  const selection: ArtifactSelection =
    names.length > 0 ? { kind: 'names', names: [...new Set(names)] } : { kind: 'pattern', patterns: [...new Set(patterns)] };
  if (runIdRaw === '') return { selection, scope: { kind: 'this-run' } };

  const runId = parseRunId(runIdRaw, token);
  if (token === '') {
    throw new InputError(
      'Input `run-id` needs `github-token` with `actions: read`: artifacts of another run are read through the REST API. ' +
        'Leave `github-token` at its default (${{ github.token }}) and grant `permissions: actions: read`, or pass a token that can read that repository.',
    );
  }
  const [owner, repo] = parseRepository(repositoryRaw, currentRepository, token);
  return { selection, scope: { kind: 'other-run', runId, owner, repo } };
}

function checkName(name: string): void {
  const bad = NEVER_IN_NAMES.find((c) => name.includes(c));
  if (bad === undefined) return;
  const hint = bad === '*' || bad === '?' ? ' For a glob over artifact names use `artifact-pattern` instead.' : '';
  throw new InputError(
    `Input \`artifact-name\`: '${name}' contains '${bad}', which artifact names cannot contain ` +
      `(upload-artifact refuses " : < > | * ? \\ /).${hint}`,
  );
}

/** Digits only: a run id is the number in .../actions/runs/<run-id>. */
function parseRunId(raw: string, token: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new InputError(`Input \`run-id\` must be a workflow run id (digits, as in .../actions/runs/<run-id>), got ${quote(raw, token)}.`);
  }
  return value;
}

/** `owner/name`; when the input is empty, the current repository (GITHUB_REPOSITORY). */
function parseRepository(raw: string, current: string | undefined, token: string): [string, string] {
  const text = raw !== '' ? raw : (current ?? '').trim();
  if (text === '') {
    throw new InputError('Input `repository` is empty and GITHUB_REPOSITORY is not set: give the repository of `run-id` as owner/name.');
  }
  const m = REPOSITORY.exec(text);
  // `.` and `..` pass the character class but are no repository, and would walk up the REST URL path.
  if (m === null || m[2] === '.' || m[2] === '..') {
    const where = raw !== '' ? 'Input `repository`' : 'GITHUB_REPOSITORY (the default of `repository`)';
    throw new InputError(`${where} must be owner/name (e.g. octo-org/evals), got ${quote(text, token)}.`);
  }
  return [m[1], m[2]];
}

/** The value, quoted and clipped, for a message; never echoes the token (a secret pasted into the wrong input). */
function quote(s: string, token: string): string {
  if (token !== '' && s.includes(token)) return 'a value containing the github-token (not shown)';
  return `'${s.length > 80 ? `${s.slice(0, 77)}...` : s}'`;
}
