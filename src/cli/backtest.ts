import { sortedEstimates } from '../forecast/elicitation.js';
import { paperBacktest, type MethodScore, type PaperBacktestRow } from '../forecast/paper-backtest.js';
import { createRng } from '../forecast/numerics/random.js';
import { ingestFiles } from '../ingest/ingest.js';
import { FORMATS } from '../ingest/registry.js';
import { LIMITS } from '../domain/limits.js';
import { fileSource } from '../sources/file-source.js';
import { resolveGlobs } from '../sources/globs.js';
import { truncateText } from '../report/escape.js';
import { parseArgs, type OptionSpec } from './args.js';
import { BACKTEST_INPUTS, BACKTEST_OWN, readBacktestOptions } from './backtest-options.js';
import { backtestHelp } from './help.js';
import { resultsValue, type CliIo } from './io.js';
import { createProgress, withRowProgress } from './progress.js';
import { alignColumns } from '../report/align.js';

const OPTIONS: OptionSpec[] = [
  ...BACKTEST_INPUTS.map((name) => ({ name, repeatable: name === 'results' })),
  ...BACKTEST_OWN.map((name) => ({ name })),
  { name: 'help', short: 'h', flag: true },
];

/**
 * `tailgate backtest`: reads the files like `forecast` does, then runs
 * {@link paperBacktest} per behaviour over the (m, n) grid and prints one
 * row per behaviour and cell. Each behaviour gets its own generator seeded
 * with `--seed`, so its rows do not depend on which other behaviours the
 * files hold.
 */
export async function runBacktest(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, 'backtest', OPTIONS);
  if (args.flags.has('help')) {
    io.stdout.write(backtestHelp());
    return 0;
  }
  const results = resultsValue(args.positionals, args.values.get('results') ?? [], io.cwd);
  const opts = readBacktestOptions((name) => (name === 'results' ? results : (args.values.get(name)?.[0] ?? '')));
  const files = (await resolveGlobs(opts.results, io.cwd, LIMITS.maxFiles, 'named')).map(fileSource);
  const progress = createProgress(io.stderr);
  const rows: Result[] = [];
  let warnings: string[];
  try {
    const ingest = await ingestFiles(files, { format: opts.format, mapping: opts.mapping, readers: withRowProgress(FORMATS, progress) });
    warnings = ingest.warnings;
    for (const sample of ingest.samples) {
      progress.update(`backtesting ${sample.name}: ${opts.cells.length} cells × ${opts.splits} splits…`, true);
      const est = sortedEstimates(sample.hits, sample.samples);
      const cells = paperBacktest(est, { cells: opts.cells, splits: opts.splits, tailSize: opts.tailSize }, createRng(opts.seed));
      for (const row of cells) rows.push({ name: sample.name, queries: est.p.length, row });
    }
  } finally {
    progress.done();
  }
  io.stdout.write(renderBacktest(rows, opts, warnings));
  return 0;
}

type Result = { name: string; queries: number; row: PaperBacktestRow };

/**
 * One row per behaviour and (m, n) the data can fill. Cells needing more
 * queries than a behaviour has are left out of the table and counted below
 * it (a behaviour with none that fits still gets one row saying so), so the
 * default grid does not bury a small eval's one usable row under "needs more".
 */
function renderBacktest(results: Result[], opts: { splits: number; seed: number; tailSize: number }, warnings: string[]): string {
  const header = ['BEHAVIOUR', 'QUERIES', 'm', 'n', 'SCORED', 'WITHIN 10×', 'UNDERESTIMATED', 'MEDIAN |LOG10 ERR|', 'NOTE'];
  const body: string[][] = [];
  const left: string[] = [];
  for (const name of [...new Set(results.map((r) => r.name))]) {
    const mine = results.filter((r) => r.name === name);
    const fitting = mine.filter((r) => r.row.kind !== 'too-few-queries');
    const queries = mine[0].queries;
    const label = truncateText(name, 60);
    if (fitting.length === 0) {
      const smallest = Math.min(...mine.map((r) => r.row.fitSize + r.row.volume));
      body.push([
        label,
        count(queries),
        '—',
        '—',
        '—',
        '—',
        '—',
        '—',
        `too few queries: the smallest cell needs m + n = ${count(smallest)}`,
      ]);
      continue;
    }
    if (fitting.length < mine.length) left.push(`${label} (${mine.length - fitting.length} of ${mine.length})`);
    for (const { row } of fitting) body.push([label, count(queries), count(row.fitSize), count(row.volume), ...cells(row)]);
  }
  const lines = [
    `tailgate backtest: fit on m queries, forecast the worst-query risk of n other queries; ${count(opts.splits)} random splits per row, tail size ${opts.tailSize}, seed ${opts.seed}.`,
    'Each metric shows Gumbel tail / log-normal baseline. Error = log10(forecast / largest p̂ among the n).',
    '',
    ...alignColumns([header, ...body], [false, true, true, true, true, true, true, true, false]),
  ];
  if (left.length > 0) lines.push('', `Left out, needing more than the behaviour's queries (m + n > QUERIES): ${left.join(', ')}.`);
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `  - ${truncateText(w, 300)}`));
  lines.push(
    '',
    'The paper (fit on 900, forecast 90,000) found 86% within 10× on its misuse evals. Splits reuse one pool of',
    'queries, and the realised maximum is itself an estimate (h/k): read small m, n or k with care.',
  );
  return `${lines.join('\n')}\n`;
}

/** SCORED, the three metric cells and NOTE of a cell that fits in the data. */
function cells(row: PaperBacktestRow): string[] {
  if (row.kind === 'too-few-queries') throw new Error('internal: cells() of a cell that does not fit');
  if (row.kind === 'unscored') return [`0/${row.splits}`, '—', '—', '—', skipped(row.noFit, row.noHit)];
  const both = (f: (s: MethodScore) => string): string => `${f(row.gumbel)} / ${f(row.lognormal)}`;
  return [
    `${row.scored}/${row.splits}`,
    both((s) => percent(s.withinTenfold)),
    both((s) => percent(s.underestimated)),
    both((s) => (Number.isFinite(s.medianAbsLog10Error) ? s.medianAbsLog10Error.toFixed(2) : '∞')),
    row.noFit + row.noHit > 0 ? skipped(row.noFit, row.noHit) : '',
  ];
}

function skipped(noFit: number, noHit: number): string {
  const parts = [
    noFit > 0 ? `${noFit} without a fit (too few nonzero or tied)` : '',
    noHit > 0 ? `${noHit} without a hit among the n` : '',
  ];
  return `skipped ${parts.filter((p) => p !== '').join(', ')}`;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const count = (x: number): string => x.toLocaleString('en-US');
