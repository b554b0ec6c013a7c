/**
 * The policy file (`policy` input): per-behaviour thresholds in YAML.
 *
 * ```yaml
 * defaults:                 # optional; applies to every behaviour
 *   fail-worst-query-risk: 0.01
 *   warn-worst-query-risk: 0.001
 * behaviors:                # optional; keys are behaviour names, `*` wildcards allowed
 *   harmful-advice:
 *     fail-worst-query-risk: 0.05
 *     frequency-tau: 0.5
 *     fail-frequency: 1e-4
 *   "pii-*":
 *     fail-aggregate-risk: 0.5
 * ```
 *
 * Keys under `defaults` and each behaviour are the threshold inputs
 * (`fail-worst-query-risk`, `warn-worst-query-risk`, `fail-aggregate-risk`,
 * `warn-aggregate-risk`, `fail-frequency`, `warn-frequency`: probabilities in
 * (0, 1]), `frequency-tau` (in (0, 1)) and the risk-increase factors against
 * the baseline (`fail-risk-increase`, `warn-risk-increase`: `3x` or `3`, ≥ 1),
 * the creep factors over the history (`fail-creep`, `warn-creep`, same form)
 * and the error budget (`max-error-share` in [0, 1], `on-error-budget`: `warn`
 * or `fail`; see error-budget.ts). Values are numbers or the strings the inputs accept (`1%`, `"1e-4"`, `3x`).
 * A top-level `red-team` section declares query sources to choose between
 * (see red-team-policy.ts); a top-level `files` section lists result files
 * read with their own format and mapping into the same evaluation (see
 * files-policy.ts: a group's mapping keys override the mapping inputs key
 * by key). Inputs are the lowest layer; `defaults`
 * overrides them and a behaviour's entry overrides both (see effective.ts for
 * which entry applies). Unknown keys, empty values and a YAML syntax error are
 * errors naming the file, line and key path.
 *
 * To add a section, add its schema to {@link SECTIONS}, its conversion to
 * {@link toPolicy}, its field to the `Policy` contract in settings.ts, and its
 * keys to {@link allowedKeys}.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { clip } from '../ingest/excerpt.js';
import { LIMITS } from '../domain/limits.js';
import { describeIssue as plainIssue, safeCheck } from '../ingest/schema-issue.js';
import { checkFactor } from './factor.js';
import { checkOnErrorBudget } from './error-budget.js';
import { checkProbability, type Checked, type ProbabilityBounds } from './parse.js';
import { FILE_GROUP_KEYS, filesSchema } from './files-policy.js';
import { RED_TEAM_KEYS, redTeamSchema, SOURCE_KEYS } from './red-team-policy.js';
import type { BehaviorPolicy, Policy } from './settings.js';
import { tooDeepAt } from './yaml-depth.js';
import type { ErrorBudget, RiskIncrease } from '../domain/rules.js';

const THRESHOLD_BOUNDS: ProbabilityBounds = { allowZero: false, allowOne: true };
/** τ = 0 or 1 makes ψ_τ infinite, so both ends are excluded. */
const TAU_BOUNDS: ProbabilityBounds = { allowZero: false, allowOne: false };

/** One value: a YAML number or an input-style string (`1%`, `3x`), checked by the same code as the inputs. */
function valueSchema(bounds: ProbabilityBounds) {
  return checkedSchema((raw) => checkProbability(raw, bounds));
}

function checkedSchema<T>(check: (raw: unknown) => Checked<T>) {
  return z
    .unknown()
    .transform((raw, ctx) => {
      const checked = check(raw);
      if (checked.ok) return checked.value;
      ctx.addIssue({ code: 'custom', message: checked.problem });
      return z.NEVER;
    })
    .optional();
}

/** A share of samples: 0 (no errored sample allowed) and 1 (any share but all) are both meaningful. */
const SHARE_BOUNDS: ProbabilityBounds = { allowZero: true, allowOne: true };

/** The keys of `defaults` and of each behaviour entry: the threshold inputs' names, plus `frequency-tau` and the error budget. */
const BEHAVIOR_SHAPE = {
  'fail-worst-query-risk': valueSchema(THRESHOLD_BOUNDS),
  'warn-worst-query-risk': valueSchema(THRESHOLD_BOUNDS),
  'fail-aggregate-risk': valueSchema(THRESHOLD_BOUNDS),
  'warn-aggregate-risk': valueSchema(THRESHOLD_BOUNDS),
  'fail-frequency': valueSchema(THRESHOLD_BOUNDS),
  'warn-frequency': valueSchema(THRESHOLD_BOUNDS),
  'frequency-tau': valueSchema(TAU_BOUNDS),
  'fail-risk-increase': checkedSchema(checkFactor),
  'warn-risk-increase': checkedSchema(checkFactor),
  'fail-creep': checkedSchema(checkFactor),
  'warn-creep': checkedSchema(checkFactor),
  'max-error-share': valueSchema(SHARE_BOUNDS),
  'on-error-budget': checkedSchema(checkOnErrorBudget),
};

/** Accepted keys of `defaults` and of each behaviour entry, in documentation order. */
const POLICY_KEYS: readonly string[] = Object.keys(BEHAVIOR_SHAPE);

/** One entry, split into its probability thresholds (the `Policy` contract's entry), its risk-increase factors and its error budget. */
const behaviorPolicySchema = z.strictObject(BEHAVIOR_SHAPE).transform((p): PolicyEntry => ({
  // Kebab-case keys → the contract's fields; `frequency-tau` → `tau`. Absent keys stay absent (not undefined).
  policy: defined({
    failWorstQueryRisk: p['fail-worst-query-risk'],
    warnWorstQueryRisk: p['warn-worst-query-risk'],
    failAggregateRisk: p['fail-aggregate-risk'],
    warnAggregateRisk: p['warn-aggregate-risk'],
    failFrequency: p['fail-frequency'],
    warnFrequency: p['warn-frequency'],
    tau: p['frequency-tau'],
  }),
  increase: defined({ fail: p['fail-risk-increase'], warn: p['warn-risk-increase'] }),
  creep: defined({ fail: p['fail-creep'], warn: p['warn-creep'] }),
  errorBudget: defined({ maxShare: p['max-error-share'], onBudget: p['on-error-budget'] }),
}));

interface PolicyEntry {
  policy: BehaviorPolicy;
  increase: RiskIncrease;
  creep: RiskIncrease;
  errorBudget: Partial<ErrorBudget>;
}

/** Top-level sections. A new section is one more line here (and in toPolicy). */
const SECTIONS = {
  defaults: behaviorPolicySchema.optional(),
  behaviors: z.record(z.string().min(1, 'a behaviour name must not be empty'), behaviorPolicySchema).optional(),
  'red-team': redTeamSchema.optional(),
  files: filesSchema.optional(),
};
const policySchema = z.strictObject(SECTIONS);

function toPolicy(parsed: z.output<typeof policySchema>): Policy {
  const entries = Object.entries(parsed.behaviors ?? {});
  const policy: Policy = {
    defaults: parsed.defaults?.policy ?? {},
    behaviors: Object.fromEntries(entries.map(([key, entry]) => [key, entry.policy])),
  };
  // Only entries that set a factor are kept; effective risk increase finds the entry by the same rules as the thresholds.
  const increases = entries.filter(([, entry]) => Object.keys(entry.increase).length > 0);
  const defaults = parsed.defaults?.increase ?? {};
  if (increases.length > 0 || Object.keys(defaults).length > 0) {
    policy.riskIncrease = { defaults, behaviors: Object.fromEntries(increases.map(([key, entry]) => [key, entry.increase])) };
  }
  const creeps = entries.filter(([, entry]) => Object.keys(entry.creep).length > 0);
  const creepDefaults = parsed.defaults?.creep ?? {};
  if (creeps.length > 0 || Object.keys(creepDefaults).length > 0) {
    policy.creep = { defaults: creepDefaults, behaviors: Object.fromEntries(creeps.map(([key, entry]) => [key, entry.creep])) };
  }
  const budgets = entries.filter(([, entry]) => Object.keys(entry.errorBudget).length > 0);
  const budgetDefaults = parsed.defaults?.errorBudget ?? {};
  if (budgets.length > 0 || Object.keys(budgetDefaults).length > 0) {
    policy.errorBudget = {
      defaults: budgetDefaults,
      behaviors: Object.fromEntries(budgets.map(([key, entry]) => [key, entry.errorBudget])),
    };
  }
  if (parsed['red-team'] !== undefined) policy.redTeam = parsed['red-team'];
  if (parsed.files !== undefined) policy.files = parsed.files;
  return policy;
}

/** A copy without the keys whose value is undefined, so absent stays absent (and tests compare exactly). */
function defined<T extends object>(fields: T): T {
  const out = { ...fields };
  for (const key of Object.keys(out)) if (Reflect.get(out, key) === undefined) Reflect.deleteProperty(out, key);
  return out;
}

/** Keys allowed at `path` (the mapping an unknown key was found in), for the "allowed: …" part of messages. */
function allowedKeys(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(SECTIONS);
  if (path[0] === 'red-team') return path.length === 1 ? RED_TEAM_KEYS : SOURCE_KEYS;
  if (path[0] === 'files') return FILE_GROUP_KEYS;
  return POLICY_KEYS;
}

/** Parses and validates policy YAML text (pure). */
export function parsePolicy(text: string, label: string): Policy {
  const lines = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    // Counted by hand: the line counter is filled only by parseDocument, which is what must not run.
    const line = text.slice(0, deep).split('\n').length;
    throw new InputError(
      `policy ${label}, line ${line}: nested more than ${LIMITS.maxNestingDepth} levels deep (the limit, LIMITS.maxNestingDepth); ` +
        'a policy needs four levels at most, so check the brackets and indentation there.',
    );
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  // Warnings (an unresolved tag, say) are errors too: a gate's config should mean exactly what it says.
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first !== undefined) {
    const line = lines.linePos(first.pos[0]).line;
    throw new InputError(
      `policy ${label}, line ${line}: YAML syntax error: ${first.message}. Fix the YAML (a validator such as \`yamllint\` shows the spot).`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS(); // the yaml package caps alias expansion (maxAliasCount), so an alias bomb throws here
  } catch (err) {
    throw new InputError(`policy ${label}: cannot load the YAML: ${fieldOf(err, 'message') ?? String(err)}`);
  }
  if (data === null || data === undefined) {
    throw new InputError(
      `policy ${label}: the file is empty; add a \`defaults\`, \`behaviors\` or \`files\` section, or leave the \`policy\` input empty.`,
    );
  }
  const result = safeCheck(policySchema, data);
  if (!result.success) {
    throw new InputError(result.error.issues.map((issue) => describeIssue(issue, { label, doc, lines, data })).join('\n'));
  }
  return toPolicy(result.data);
}

interface Source {
  label: string;
  doc: Document;
  lines: LineCounter;
  /** The document as plain JS, to describe what was found at a path. */
  data: unknown;
}

function describeIssue(issue: z.core.$ZodIssue, { label, doc, lines, data }: Source): string {
  const at = (path: readonly PropertyKey[]): string => {
    const line = lineOf(doc, lines, path);
    const where = line === undefined ? `policy ${label}` : `policy ${label}, line ${line}`;
    return path.length === 0 ? where : `${where}: ${keyPath(path)}`;
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.path);
      return issue.keys.map((key) => `${at([...issue.path, key])}: unknown key (allowed: ${allowed.join(', ')})`).join('\n');
    }
    case 'invalid_type':
      if (issue.expected === 'object' || issue.expected === 'record') {
        const what = issue.path.length === 0 ? 'the top level' : 'this key';
        return `${at(issue.path)}: ${what} must be a mapping of keys to values, but it ${describe(valueAt(data, issue.path))}`;
      }
      if (issue.expected === 'array')
        return `${at(issue.path)}: this key must be a list (one \`- item\` per line), but it ${describe(valueAt(data, issue.path))}`;
      if (issue.expected === 'string') return `${at(issue.path)}: this key must be a text, but it ${describe(valueAt(data, issue.path))}`;
      return plainly(issue, data, at);
    case 'invalid_key': {
      // A record key failed its own schema (an empty behaviour name): word that schema's issue about the key.
      const inner = issue.issues[0];
      const key = issue.path[issue.path.length - 1];
      return `${at(issue.path)}: ${(inner === undefined ? plainIssue(issue, data) : plainIssue(inner, key)).problem}`;
    }
    default:
      return plainly(issue, data, at);
  }
}

/** Any other issue, in the words every reader uses (schema-issue.ts). */
function plainly(issue: z.core.$ZodIssue, data: unknown, at: (path: readonly PropertyKey[]) => string): string {
  const plain = plainIssue(issue, data);
  return `${at(plain.path)}: ${plain.problem}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const seg of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Object.entries(value).find(([key]) => key === String(seg))?.[1];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'is empty';
  if (typeof value === 'object' && !Array.isArray(value)) return 'is a mapping';
  if (Array.isArray(value)) return 'is a list';
  return typeof value === 'string' ? `is the string ${JSON.stringify(clip(value))}` : `is a ${typeof value}`;
}

/**
 * A string field of a thrown value. Checked structurally rather than with
 * `instanceof Error`: errors from another realm (node:fs inside jest's VM
 * context) are not instances of this realm's Error.
 */
function fieldOf(err: unknown, field: 'code' | 'message'): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const value: unknown = Reflect.get(err, field);
  return typeof value === 'string' ? value : undefined;
}

/** `behaviors.pii-*.fail-frequency`, `red-team.sources[1].name`; a segment with dots or blanks is quoted so the path stays unambiguous. */
function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) =>
      typeof seg === 'number'
        ? `[${seg}]`
        : `${i === 0 ? '' : '.'}${/^[\w*-]+$/.test(String(seg)) ? clip(String(seg)) : JSON.stringify(clip(String(seg)))}`,
    )
    .join('');
}

/** 1-based line of the key at `path` in the YAML document, for error messages. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) ? node.range?.[0] : undefined;
  for (const seg of path) {
    if (isSeq(node)) {
      // A list item (`red-team.sources[1]`): the item's own first line.
      const item: unknown = node.items[Number(seg)];
      if (!(isMap(item) || isScalar(item) || isSeq(item))) break;
      offset = item.range?.[0] ?? offset;
      node = item;
      continue;
    }
    if (!isMap(node)) return offset === undefined ? undefined : lines.linePos(offset).line;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(seg));
    if (pair === undefined) break;
    offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
    node = pair.value;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}
