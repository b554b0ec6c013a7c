import { INPUT_DEFAULTS } from '../config/inputs.js';
import { READING_INPUTS, readMapping } from '../config/mapping.js';
import { parseInteger, parseMultiline, parseNumber } from '../config/parse.js';
import { BOUNDS } from '../config/validate.js';
import type { MappingOptions } from '../domain/mapping.js';
import { InputError } from '../domain/errors.js';
import type { BacktestCell } from '../forecast/paper-backtest.js';

/**
 * Options of `tailgate backtest`. The reading options are the action's own
 * inputs, parsed by the same functions; the grid options are the CLI's own.
 */
export const BACKTEST_DEFAULTS = {
  /** The paper evaluates with hundreds to a thousand queries (e.g. fit on 900, forecast 90,000). */
  fitSizes: [100, 300, 1000],
  ratios: [10, 100],
  splits: 100,
  minSplits: 10,
  maxSplits: 100_000,
} as const;

/** Action inputs `backtest` accepts (reading the files; the gate and forecast inputs do not apply). */
export const BACKTEST_INPUTS = ['results', ...READING_INPUTS] as const;

/** Options `backtest` adds to {@link BACKTEST_INPUTS}. */
export const BACKTEST_OWN = ['fit-sizes', 'ratios', 'splits', 'seed', 'tail-size'] as const;

/** Largest m or n: the draw keeps an index per query, and no eval file holds more. */
const MAX_SIZE = 1e9;

export interface BacktestOptions {
  results: string[];
  format: string;
  mapping: MappingOptions;
  cells: BacktestCell[];
  splits: number;
  seed: number;
  tailSize: number;
}

/** `get(name)` is the option's value or '' when not given (the readSettings convention). */
export function readBacktestOptions(get: (name: string) => string): BacktestOptions {
  const or = (name: string, fallback: string): string => (get(name).trim() === '' ? fallback : get(name));
  const results = parseMultiline(get('results'));
  if (results.length === 0) throw new InputError('tailgate backtest: give the result files (or quoted globs) to read as arguments.');
  const tailSize = parseInteger(
    'tail-size',
    or('tail-size', INPUT_DEFAULTS['tail-size'] ?? '10'),
    BOUNDS.tailSize.min,
    BOUNDS.tailSize.max,
  );
  const fitSizes = list('fit-sizes', or('fit-sizes', BACKTEST_DEFAULTS.fitSizes.join(','))).map((raw) =>
    parseInteger('fit-sizes', raw, tailSize, MAX_SIZE),
  );
  const ratios = list('ratios', or('ratios', BACKTEST_DEFAULTS.ratios.join(','))).map((raw) =>
    parseNumber('ratios', raw, 1, MAX_SIZE, { exclusive: true }),
  );
  return {
    results,
    format: or('format', INPUT_DEFAULTS.format ?? 'auto'),
    // Empty means the input's default, as in readSettings (use-logprobs defaults to false).
    mapping: readMapping((name) => or(name, INPUT_DEFAULTS[name] ?? '').trim()),
    // Grid order: by m, then by n, the order a reader scans a table in.
    cells: fitSizes.flatMap((fitSize) => ratios.map((ratio) => ({ fitSize, volume: Math.round(ratio * fitSize) }))),
    splits: parseInteger(
      'splits',
      or('splits', String(BACKTEST_DEFAULTS.splits)),
      BACKTEST_DEFAULTS.minSplits,
      BACKTEST_DEFAULTS.maxSplits,
    ),
    seed: parseInteger('seed', or('seed', INPUT_DEFAULTS.seed ?? '0'), BOUNDS.seed.min, BOUNDS.seed.max),
    tailSize,
  };
}

function list(name: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw new InputError(`Input \`${name}\`: got ${JSON.stringify(raw)}; give a comma-separated list such as 100,300,1000.`);
  return items;
}
