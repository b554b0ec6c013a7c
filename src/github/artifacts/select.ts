/**
 * Picks the requested artifacts out of a run's listing. Pure; an artifact
 * that is asked for but absent is an InputError that lists what the run has,
 * because a typo in a name or a shard that never uploaded is the usual cause.
 */
import { InputError } from '../../domain/errors.js';
import { describeScope, type ArtifactScope, type ListedArtifact } from './port.js';
import type { ArtifactSelection } from '../../config/settings.js';

/** How many existing names a not-found message lists before "and N more". */
const LISTED_NAMES = 20;

/**
 * A glob over artifact names as a RegExp: `*` is any run of characters
 * (artifact names hold no `/`, so there is no path segment to stop at), `?`
 * one character; everything else is literal. Deliberately smaller than
 * minimatch (no `[...]`, `{a,b}`, `!`): those characters are legal in names.
 *
 * @example globToRegExp('eval-shard-*').test('eval-shard-3') // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'); // the syntax characters: escaping others is an error under `u`
  }
  // `s`: `.` also matches line breaks, so `*` really is "any run of characters".
  return new RegExp(`^${source}$`, 'su');
}

/**
 * The artifacts `selection` asks for, in listing order sorted by name.
 * Names: every name must exist. Patterns: every pattern must match at least
 * one artifact (a pattern that matches nothing is a typo or a missing shard,
 * the same rule `results` globs follow).
 */
export function selectArtifacts(selection: ArtifactSelection, listed: ListedArtifact[], scope: ArtifactScope): ListedArtifact[] {
  const byName = new Map(listed.map((a) => [a.name, a]));
  const picked = new Map<string, ListedArtifact>();
  if (selection.kind === 'names') {
    const missing = selection.names.filter((n) => !byName.has(n));
    if (missing.length > 0) throw notFound('artifact-name', missing, listed, scope);
    for (const name of selection.names) picked.set(name, byName.get(name)!);
  } else {
    const unmatched: string[] = [];
    for (const pattern of selection.patterns) {
      const re = globToRegExp(pattern);
      const hits = listed.filter((a) => re.test(a.name));
      if (hits.length === 0) unmatched.push(pattern);
      for (const a of hits) picked.set(a.name, a);
    }
    if (unmatched.length > 0) throw notFound('artifact-pattern', unmatched, listed, scope);
  }
  return [...picked.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function notFound(input: string, wanted: string[], listed: ListedArtifact[], scope: ArtifactScope): InputError {
  const what = input === 'artifact-name' ? 'no artifact named' : 'no artifact matches';
  const list = wanted.map((w) => `'${w}'`).join(', ');
  return new InputError(`Input \`${input}\`: ${what} ${list} in ${describeScope(scope)}; ${existing(listed)}`);
}

/** "it has: a, b, c (and 4 more)" or why it has none. */
function existing(listed: ListedArtifact[]): string {
  if (listed.length === 0) {
    return (
      'the run has no artifacts (not uploaded yet, expired, or uploaded by a job that runs later: ' +
      'make this job `needs:` the jobs that upload them).'
    );
  }
  const names = [...new Set(listed.map((a) => a.name))].sort();
  const shown = names
    .slice(0, LISTED_NAMES)
    .map((n) => `'${n}'`)
    .join(', ');
  const more = names.length > LISTED_NAMES ? ` (and ${names.length - LISTED_NAMES} more)` : '';
  return `the run has: ${shown}${more}. Check the name, or that the uploading job finished before this one.`;
}
