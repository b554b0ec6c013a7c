import type { InputName } from '../../config/inputs.js';
import { READING_INPUTS } from '../../config/mapping.js';
import { InputError } from '../../domain/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';

/**
 * The two modes of `tailgate compare` and the options each accepts. The
 * action inputs among them go through readSettings, so their checks and
 * defaults are the action's own; help.ts documents them from these lists.
 */

/**
 * `compare --policy` (red-team choice): the policy, the forecast settings and
 * how to read the sources' files. `deployment-volume` is accepted (and
 * checked) so a `forecast` command line can be reused, but has no effect:
 * each source is forecast at the queries its budget buys.
 */
export const REDTEAM_INPUTS = [
  'policy',
  'tail-size',
  'confidence',
  'bootstrap',
  'seed',
  'deployment-volume',
  ...READING_INPUTS,
] as const satisfies readonly InputName[];

/** `compare --baseline BASE CURRENT` (two reports): the gate's factors, the policy for per-behaviour factors, the mode. */
export const REPORTS_INPUTS = [
  'baseline',
  'fail-risk-increase',
  'warn-risk-increase',
  'policy',
  'mode',
] as const satisfies readonly InputName[];

/** Options of both modes that are not action inputs. */
const COMPARE_OWN = ['json', 'markdown'] as const;

export const COMPARE_OPTIONS: OptionSpec[] = [
  ...[...new Set<string>([...REDTEAM_INPUTS, ...REPORTS_INPUTS, ...COMPARE_OWN])].map((name) => ({ name })),
  { name: 'help', short: 'h', flag: true },
];

export type CompareMode = 'red-team' | 'reports';

/**
 * Which mode the arguments ask for: a `--baseline` or a positional (the
 * current report) means two reports; anything else is the red-team choice.
 * An option of the other mode is an error naming both, so a mixed command
 * line never silently drops half of what was asked.
 */
export function compareMode(args: ParsedArgs): CompareMode {
  const mode: CompareMode = args.values.has('baseline') || args.positionals.length > 0 ? 'reports' : 'red-team';
  const allowed = new Set<string>([...(mode === 'reports' ? REPORTS_INPUTS : REDTEAM_INPUTS), ...COMPARE_OWN]);
  const stray = [...args.values.keys()].find((name) => !allowed.has(name));
  if (stray !== undefined) {
    const why = mode === 'reports' ? `comparing two reports (--baseline BASE.json CURRENT.json)` : 'the red-team choice (--policy FILE)';
    throw new InputError(
      `tailgate compare: --${stray} does not apply to ${why}; see tailgate compare --help for the options of each mode.`,
    );
  }
  return mode;
}
