/**
 * Number forms of the baseline inputs that are not probabilities: a risk-increase factor
 * (`3x`, `3`, `2.5X`) and a positive amount (a red-team budget or a cost per
 * query). Like parse.ts, each check returns a {@link Checked} problem text so
 * the input reader and the policy loader can put their own location in front.
 */
import { InputError } from '../domain/errors.js';
import type { Checked } from './parse.js';

/** A factor above this is a typo (a million-fold increase is already certain to be outside the noise). */
export const MAX_FACTOR = 1e6;

/** Plain decimal or scientific, no sign: `3`, `2.5`, `.5`, `1e3`. No hex, no `Infinity`. */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const FACTOR_FORMS = `use a factor of at least 1 such as 3x, 3 or 1.5x (at most ${MAX_FACTOR})`;

/**
 * A risk-increase factor: a number ≥ 1, optionally followed by `x`/`X`/`×`.
 * Below 1 the gate would fire on a risk that went down, so it is refused
 * rather than read as a percentage.
 * @example checkFactor('3x') // { ok: true, value: 3 }
 */
export function checkFactor(raw: unknown): Checked<number> {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? decimal(raw.trim().replace(/\s*[xX×]$/, '')) : undefined;
  if (value === undefined) return { ok: false, problem: `${describe(raw)}; ${FACTOR_FORMS}` };
  if (!(Number.isFinite(value) && value >= 1 && value <= MAX_FACTOR)) return { ok: false, problem: `out of range; ${FACTOR_FORMS}` };
  return { ok: true, value };
}

/** {@link checkFactor} for an action input; throws an InputError naming it. */
export function parseFactor(input: string, raw: string): number {
  const checked = checkFactor(raw);
  if (checked.ok) return checked.value;
  throw new InputError(`Input \`${input}\`: got ${JSON.stringify(raw)}; ${checked.problem}.`);
}

/** A finite number > 0 (YAML number or decimal string), e.g. a budget or a cost per query. */
export function checkPositive(raw: unknown): Checked<number> {
  const forms = 'use a number greater than 0 such as 1000, 0.5 or 1e6';
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? decimal(raw.trim()) : undefined;
  if (value === undefined) return { ok: false, problem: `${describe(raw)}; ${forms}` };
  if (!(Number.isFinite(value) && value > 0)) return { ok: false, problem: `out of range; ${forms}` };
  return { ok: true, value };
}

function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return 'not a number';
  if (raw === null || raw === undefined) return 'expected a number, got nothing';
  return `expected a number, got ${Array.isArray(raw) ? 'a list' : typeof raw}`;
}
