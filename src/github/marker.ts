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
export function sanitizeKey(key: string): string {
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
export function commentMarker(key: string): string {
  return `<!-- tailgate:${sanitizeKey(key)} -->`;
}

/**
 * The default `comment-key`: workflow name and job id, so two workflows (or
 * two jobs) posting on one PR keep separate comments. Matrix legs share a
 * job id and must set their own key.
 */
export function defaultCommentKey(env: NodeJS.ProcessEnv): string {
  const workflow = env.GITHUB_WORKFLOW?.trim() ?? '';
  const job = env.GITHUB_JOB?.trim() ?? '';
  return sanitizeKey([workflow, job].filter((part) => part !== '').join('/'));
}
