/**
 * Strict parsers for action inputs. Each throws an {@link InputError} whose
 * message names the input exactly as in action.yml and says what is allowed;
 * none coerces a bad value to a default (an empty input is the caller's
 * business: `readSettings` substitutes defaults before calling these).
 *
 * The `check*` variants return a {@link Checked} result instead of throwing,
 * so the policy loader can put its own location (file, line, key path) in
 * front of the same problem text.
 */
import { InputError } from '../domain/errors.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Largest accepted deployment volume. Every integer up to here is exact in a double (2^53 ≈ 9.007e15). */
export const MAX_VOLUME = 1e15;

/**
 * Volume suffixes. Case matters on purpose: lowercase `m` is ambiguous
 * (SI milli vs. finance "mm"/"m" for million) and is rejected with a hint
 * rather than guessed; `k` and `K` both mean thousand because neither has a
 * second reading. `B` (billion) and `G` (giga) are the same power.
 */
const VOLUME_SUFFIX: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, B: 9, G: 9, T: 12 };
const VOLUME_FORMS =
  'use a whole number ≥ 1 such as 1000000, 1e6, 1_000_000, 1,000,000, 1M or 250k ' +
  '(suffixes: k/K thousand, M million, B/G billion, T trillion)';

/** A plain decimal or scientific number; no hex, no `Infinity`, no blanks inside. */
const DECIMAL = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/;
/** Thousands separators, only in groups of three and one kind per number (`1,000,000`, `1_000_000`). */
const GROUPED = /^\d{1,3}(?:([,_])\d{3})(?:\1\d{3})*$/;

interface Decimal {
  negative: boolean;
  /** Significant digits without leading zeros ('' for zero). */
  digits: string;
  /** The value is digits × 10^exponent. */
  exponent: number;
}

/** Splits a decimal literal into digits and a power of ten, so suffixes and `%` shift the exponent exactly instead of multiplying binary floats (1.1 × 1000 = 1100.0000000000002). */
function decimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const [whole = '', frac = ''] = (m[2] ?? '').split('.');
  const digits = (whole + frac).replace(/^0+/, '');
  return { negative: m[1] === '-', digits, exponent: Number(m[3] ?? '0') - frac.length };
}

/** Correctly rounded double of a decimal (Number() of a literal rounds once, to nearest). */
function toNumber(d: Decimal): number {
  if (d.digits === '') return 0;
  return Number(`${d.negative ? '-' : ''}${d.digits}e${d.exponent}`);
}

function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

function unwrap<T>(input: string, raw: string, result: Checked<T>): T {
  if (result.ok) return result.value;
  throw new InputError(`Input \`${input}\`: got ${quote(raw)}; ${result.problem}.`);
}

/** Deployment volume n: an exact integer in [1, 1e15]; see {@link VOLUME_SUFFIX} for the forms. */
export function parseVolume(input: string, raw: string): number {
  return unwrap(input, raw, checkVolume(raw.trim()));
}

function checkVolume(text: string): Checked<number> {
  if (text.endsWith('m')) {
    return { ok: false, problem: `lowercase "m" is ambiguous (milli or million); write M for million. Otherwise ${VOLUME_FORMS}` };
  }
  const suffix = VOLUME_SUFFIX[text.slice(-1)];
  const body = suffix === undefined ? text : text.slice(0, -1);
  const d = decimal(GROUPED.test(body) ? body.replace(/[,_]/g, '') : body);
  if (d === undefined) return { ok: false, problem: VOLUME_FORMS };
  if (d.negative || d.digits === '') return { ok: false, problem: `must be at least 1; ${VOLUME_FORMS}` };
  let { digits, exponent } = d;
  exponent += suffix ?? 0;
  // Trailing zeros move into the exponent, so "2.50M" and "2500000" both end as digits "25", exponent 5.
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  if (exponent < 0) return { ok: false, problem: `is not a whole number of queries; ${VOLUME_FORMS}` };
  // digits.length + exponent is the count of integer digits; 1e15 has 16. Checked before building the string so "1e999999" stays cheap.
  if (digits.length + exponent > 16) return { ok: false, problem: `must be at most ${MAX_VOLUME} (1e15)` };
  const value = Number(digits + '0'.repeat(exponent));
  if (value > MAX_VOLUME) return { ok: false, problem: `must be at most ${MAX_VOLUME} (1e15)` };
  return { ok: true, value };
}

export interface ProbabilityBounds {
  /** Whether 0 itself is accepted. */
  allowZero: boolean;
  /** Whether 1 itself is accepted. */
  allowOne: boolean;
}

/** A probability: `0.01`, `1e-4`, `.5`, `1%`, `0.5%` (a percentage is divided by 100 exactly, in decimal). */
export function parseProbability(input: string, raw: string, bounds: ProbabilityBounds): number {
  return unwrap(input, raw, checkProbability(raw, bounds));
}

/** As {@link parseProbability}, but also accepts a number already parsed (a YAML scalar). */
export function checkProbability(raw: unknown, bounds: ProbabilityBounds): Checked<number> {
  const range = `${bounds.allowZero ? '[0' : '(0'}, 1${bounds.allowOne ? ']' : ')'}`;
  const allowed = `use a probability in ${range} such as 0.01, 1e-4 or 1%`;
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    const percent = text.endsWith('%');
    const d = decimal(percent ? text.slice(0, -1).trimEnd() : text);
    if (d === undefined) return { ok: false, problem: allowed };
    value = toNumber(percent ? { ...d, exponent: d.exponent - 2 } : d);
  } else {
    return {
      ok: false,
      problem: `expected a number or a string, got ${raw === null || raw === undefined ? 'nothing' : Array.isArray(raw) ? 'a list' : typeof raw}; ${allowed}`,
    };
  }
  const inside = Number.isFinite(value) && (bounds.allowZero ? value >= 0 : value > 0) && (bounds.allowOne ? value <= 1 : value < 1);
  return inside ? { ok: true, value } : { ok: false, problem: `out of range; ${allowed}` };
}

/** A whole number in [min, max], written in plain digits (no exponent, no separators: counts and seeds are small). */
export function parseInteger(input: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  const allowed = `use a whole number from ${min} to ${max}`;
  if (!/^[+-]?\d+$/.test(text)) return unwrap(input, raw, { ok: false, problem: allowed });
  const value = Number(text) + 0; // + 0 turns "-0" into 0
  const ok = Number.isSafeInteger(value) && value >= min && value <= max;
  return unwrap(input, raw, ok ? { ok: true, value } : { ok: false, problem: `out of range; ${allowed}` });
}

/** A finite number (decimal or scientific) in [min, max], or in (min, max) with `exclusive`. */
export function parseNumber(input: string, raw: string, min: number, max: number, opts: { exclusive: boolean }): number {
  return unwrap(input, raw, checkNumber(raw, min, max, opts));
}

/** As {@link parseNumber}, but also accepts a number already parsed (a YAML scalar; `.inf` and `.nan` are refused as out of range). */
export function checkNumber(raw: unknown, min: number, max: number, opts: { exclusive: boolean }): Checked<number> {
  const range = opts.exclusive ? `(${min}, ${max})` : `[${min}, ${max}]`;
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const d = decimal(raw.trim());
    if (d === undefined) return { ok: false, problem: `use a number in ${range}` };
    value = toNumber(d);
  } else {
    return { ok: false, problem: `expected a number, got ${nameOf(raw)}; use a number in ${range}` };
  }
  // NaN fails both comparisons, so a YAML `.nan` lands here too.
  const inside = opts.exclusive ? value > min && value < max : value >= min && value <= max;
  return inside ? { ok: true, value } : { ok: false, problem: `out of range; use a number in ${range}` };
}

/** One of `allowed`, compared exactly after trimming (case-sensitive, as YAML and action.yml document them). */
export function parseEnum<T extends string>(input: string, raw: string, allowed: readonly T[]): T {
  const text = raw.trim();
  const hit = allowed.find((a) => a === text);
  return unwrap(input, raw, hit === undefined ? { ok: false, problem: `use one of ${allowed.join(', ')}` } : { ok: true, value: hit });
}

/**
 * `true` or `false` in any letter case. Like @actions/core getBooleanInput it
 * rejects `yes`, `on`, `1`; unlike it, it also accepts mixed case such as `tRUE`.
 */
export function parseBoolean(input: string, raw: string): boolean {
  return unwrap(input, raw, checkBoolean(raw));
}

/** As {@link parseBoolean}, but also accepts a YAML boolean. */
export function checkBoolean(raw: unknown): Checked<boolean> {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  if (text === 'true') return { ok: true, value: true };
  if (text === 'false') return { ok: true, value: false };
  return { ok: false, problem: typeof raw === 'string' ? 'use true or false' : `expected true or false, got ${nameOf(raw)}` };
}

/** What a YAML value is, for messages ("nothing", "a list", "a number"). */
export function nameOf(raw: unknown): string {
  if (raw === null || raw === undefined) return 'nothing';
  return Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'a mapping' : `a ${typeof raw}`;
}

/** Lines of a multi-line input: trimmed, without empty lines and `#` comment lines. */
export function parseMultiline(raw: string): string[] {
  return raw
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
