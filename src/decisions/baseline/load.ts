/**
 * The baseline's files → each behaviour's worst-query risk at this run's
 * deployment volume.
 *
 * - One tailgate JSON report among the files (detected from its first bytes):
 *   read it, validated against the schema. Other files beside it (the
 *   Markdown report uploaded with it, say) are ignored, and the report says so.
 *   Two reports are an error: which one is the baseline would be a guess.
 * - Otherwise the files are results: ingested and forecast with this run's
 *   settings (format, mapping, tail size, bootstrap, seed), so both sides of
 *   the comparison are made the same way.
 */
import type { Settings } from '../../config/settings.js';
import { forecastBehavior } from '../../forecast/forecast-behavior.js';
import type { RuleBook } from '../../domain/rules.js';
import { InputError } from '../../domain/errors.js';
import { ingestFiles } from '../../ingest/ingest.js';
import type { ByteSource } from '../../domain/byte-source.js';
import { worstQuerySide } from './rows.js';
import { fingerprint } from '../fingerprint.js';
import { fromReport } from './from-report.js';
import { looksLikeReport, readHead, readReportFile } from './read-report.js';
import type { Baseline, BaselineOrigin } from '../../domain/baseline.js';

export type LoadSettings = Pick<Settings, 'format' | 'mapping' | 'deploymentVolume' | 'tailSize' | 'confidence'>;

export async function loadBaseline(
  files: ByteSource[],
  origin: BaselineOrigin,
  settings: LoadSettings,
  rules: RuleBook,
): Promise<Baseline> {
  const reports: ByteSource[] = [];
  for (const file of files) if (looksLikeReport(await readHead(file))) reports.push(file);
  if (reports.length > 1) {
    throw new InputError(
      `baseline: ${reports.map((f) => f.name).join(', ')} are all tailgate reports; narrow \`baseline\` to the one to compare with.`,
    );
  }
  const report = reports[0];
  if (report !== undefined) {
    const baseline = fromReport(await readReportFile(report), origin, settings);
    if (files.length > 1)
      baseline.warnings.push(
        `baseline: read the report ${report.name} and ignored the ${files.length - 1} other ${files.length === 2 ? 'file' : 'files'} beside it.`,
      );
    return baseline;
  }
  return fromResults(files, origin, settings, rules);
}

async function fromResults(files: ByteSource[], origin: BaselineOrigin, settings: LoadSettings, rules: RuleBook): Promise<Baseline> {
  const ingest = await ingestFiles(files, { format: settings.format, mapping: settings.mapping });
  const behaviors = ingest.samples.map((sample) => {
    // The comparison needs the worst-query risk and its interval; the self-check backtest is skipped.
    const opts = rules.rulesFor(sample.name).forecast;
    const f = forecastBehavior(sample, { ...opts, backtestSplits: 0 });
    const print = fingerprint(sample, { formats: ingest.inputs.map((i) => i.format), mapping: settings.mapping, tailSize: opts.tailSize });
    return { name: f.name, ...worstQuerySide(f), fingerprint: print };
  });
  return {
    kind: 'results',
    origin,
    generatedAt: null,
    deploymentVolume: settings.deploymentVolume,
    confidence: settings.confidence,
    behaviors,
    samples: ingest.samples,
    warnings: ingest.warnings.map((w) => `baseline: ${w}`),
  };
}
