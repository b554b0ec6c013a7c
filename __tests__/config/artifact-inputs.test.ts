import { InputError } from '../../src/domain/errors.js';
import { readSettings } from '../../src/config/inputs.js';

const TOKEN = 'ghs_SettingsTestToken0123456789abcdef';
/**
 * The artifact inputs through readSettings, as the runner passes them: '' for
 * unset; github-token has its action.yml default; GITHUB_REPOSITORY is `repository`'s default.
 */
const read = (inputs: Record<string, string>, repository: string | null = 'octo-org/app') => {
  const values: Record<string, string> = { 'deployment-volume': '1M', 'github-token': TOKEN, ...inputs };
  return readSettings((name) => values[name] ?? '', { policyText: () => '', repository: repository ?? undefined }).artifacts;
};

function inputError(inputs: Record<string, string>, repository: string | null = 'octo-org/app'): string {
  try {
    read(inputs, repository);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const message = err instanceof Error ? err.message : String(err);
    expect(message).not.toContain(TOKEN);
    return message;
  }
  throw new Error('expected an InputError');
}

describe('the artifact inputs (readSettings)', () => {
  test('no artifact input → null (github-token alone, set by default, asks for nothing)', () => {
    expect(read({})).toBeNull();
  });

  test('artifact-name: newline list, trimmed, blank and # lines dropped, duplicates merged; this run', () => {
    expect(read({ 'artifact-name': ' eval-a \n\n# shard b is flaky\neval-c\neval-a\n' })).toEqual({
      selection: { kind: 'names', names: ['eval-a', 'eval-c'] },
      scope: { kind: 'this-run' },
    });
  });

  test('artifact-pattern with run-id: another run of the current repository (the token stays in Settings.githubToken)', () => {
    expect(read({ 'artifact-pattern': 'eval-shard-*', 'run-id': '123456789' })).toEqual({
      selection: { kind: 'pattern', patterns: ['eval-shard-*'] },
      scope: { kind: 'other-run', runId: 123456789, owner: 'octo-org', repo: 'app' },
    });
  });

  test('repository overrides GITHUB_REPOSITORY', () => {
    const s = read({ 'artifact-name': 'x', 'run-id': '7', repository: 'other-org/evals.v2' });
    expect(s?.scope).toEqual({ kind: 'other-run', runId: 7, owner: 'other-org', repo: 'evals.v2' });
  });

  test('name and pattern together are refused, naming both inputs', () => {
    expect(inputError({ 'artifact-name': 'a', 'artifact-pattern': 'b*' })).toMatch(
      /`artifact-name` and `artifact-pattern` are mutually exclusive/,
    );
  });

  test('run-id without a token is an error, not silently this run', () => {
    expect(inputError({ 'artifact-name': 'a', 'run-id': '12', 'github-token': '' })).toContain(
      'Input `run-id` needs `github-token` with `actions: read`',
    );
  });

  test('repository without run-id is an error', () => {
    expect(inputError({ 'artifact-name': 'a', repository: 'o/r' })).toContain("`repository` is set to 'o/r' but `run-id` is not");
  });

  test('run-id without any artifact input is an error', () => {
    expect(inputError({ 'run-id': '12' })).toContain('neither `artifact-name` nor `artifact-pattern`');
  });

  test.each(['12a', '-3', '0', '1e6', '99999999999999999999'])('malformed run-id %p names the input', (runId) => {
    expect(inputError({ 'artifact-name': 'a', 'run-id': runId })).toContain('Input `run-id` must be a workflow run id');
  });

  test.each(['owner', 'owner/', '/repo', 'a/b/c', 'own er/repo', 'owner/..', '-owner/repo'])(
    'malformed repository %p names the input',
    (repository) => {
      expect(inputError({ 'artifact-name': 'a', 'run-id': '5', repository })).toContain('Input `repository` must be owner/name');
    },
  );

  test('empty repository and no GITHUB_REPOSITORY is an error', () => {
    expect(inputError({ 'artifact-name': 'a', 'run-id': '5' }, null)).toContain('GITHUB_REPOSITORY is not set');
  });

  test('a glob in artifact-name points to artifact-pattern', () => {
    expect(inputError({ 'artifact-name': 'eval-*' })).toContain('use `artifact-pattern` instead');
  });

  test('a token pasted into run-id is not echoed', () => {
    expect(inputError({ 'artifact-name': 'a', 'run-id': TOKEN })).toContain('a value containing the github-token (not shown)');
  });
});
