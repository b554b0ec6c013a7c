import { InputError } from '../domain/errors.js';

/** One option a command accepts, spelled without the leading `--`. */
export interface OptionSpec {
  name: string;
  /** A switch that takes no value (`--help`). */
  flag?: boolean;
  /** May be given more than once; the values are kept in order. */
  repeatable?: boolean;
  /** Single-letter alias, e.g. `h` for `-h`. */
  short?: string;
}

export interface ParsedArgs {
  /** Values of value-taking options, in the order given. */
  values: Map<string, string[]>;
  /** Switches that were given. */
  flags: Set<string>;
  positionals: string[];
}

/**
 * Splits a command's arguments into options and positionals.
 *
 * Hand-written rather than node:util parseArgs so every mistake gets our
 * wording: the message names the option as typed, says what is wrong and
 * points at `--help`, and an unknown option suggests the nearest known one.
 * Forms: `--name value`, `--name=value`, `--flag`, `-h`; `--` ends the
 * options. A value may start with a single `-` (`--seed -1` reaches the
 * seed's own check, which names the problem); a value-taking option followed
 * by another `--option` or by nothing is missing its value. Giving a
 * non-repeatable option twice is an error rather than "last one wins", so a
 * pasted command line cannot silently override itself.
 */
export function parseArgs(argv: string[], command: string, specs: OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short, s]));
  const out: ParsedArgs = { values: new Map(), flags: new Set(), positionals: [] };
  const help = `run 'tailgate ${command} --help' for the options`;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      out.positionals.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const eq = long ? token.indexOf('=') : -1;
    const typed = eq === -1 ? token : token.slice(0, eq);
    const spec = long ? byName.get(typed.slice(2)) : token.length === 2 ? byShort.get(token.slice(1)) : undefined;
    if (spec === undefined) throw new InputError(`tailgate ${command}: unknown option '${typed}'${suggestion(typed, specs)}; ${help}.`);
    const label = `--${spec.name}`;

    if (spec.flag) {
      if (eq !== -1) throw new InputError(`tailgate ${command}: option '${label}' takes no value (got '${token}'); ${help}.`);
      out.flags.add(spec.name);
      continue;
    }
    let value: string;
    if (eq !== -1) {
      value = token.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new InputError(`tailgate ${command}: option '${label}' needs a value (${label} VALUE or ${label}=VALUE); ${help}.`);
      }
      value = next;
      i++;
    }
    const seen = out.values.get(spec.name) ?? [];
    if (seen.length > 0 && !spec.repeatable) {
      throw new InputError(`tailgate ${command}: option '${label}' given twice ('${seen[0]}' and '${value}'); give it once.`);
    }
    out.values.set(spec.name, [...seen, value]);
  }
  return out;
}

/** ", did you mean '--x'?" for the closest option within two edits, else ''. */
function suggestion(typed: string, specs: OptionSpec[]): string {
  const name = typed.replace(/^-+/, '');
  let best: { name: string; distance: number } | undefined;
  for (const spec of specs) {
    const distance = editDistance(name, spec.name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name: spec.name, distance };
  }
  return best === undefined ? '' : ` (did you mean '--${best.name}'?)`;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
