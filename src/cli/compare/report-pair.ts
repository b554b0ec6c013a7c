import { compareReports, type ReportComparison } from '../../decisions/baseline/report-pair.js';
import { readReportFile } from '../../decisions/baseline/read-report.js';
import type { StoredReport } from '../../decisions/baseline/report-schema.js';
import { anyRiskIncrease, ruleBook } from '../../config/rules.js';
import { readSettings } from '../../config/inputs.js';
import { exitCodeFor } from '../../gate/exit.js';
import type { Breach, Verdict } from '../../domain/gate.js';
import { InputError } from '../../domain/errors.js';
import type { ByteSource } from '../../domain/byte-source.js';
import { pathSource } from '../../sources/file-source.js';
import { renderReportsMarkdown } from '../../report/increase-markdown.js';
import { renderReportsText, type ReportsTextMeta } from '../../report/decisions-text.js';
import { assertFiniteNumbers } from '../../report/json.js';
import type { Report } from '../../domain/report.js';
import { VERSION } from '../../version.js';
import type { ParsedArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { checkOutputs, outputPath, writeOutput } from '../write-output.js';
import { policyFileReader } from '../../sources/policy-file.js';

const USAGE = 'tailgate compare --baseline BASE.json CURRENT.json [--fail-risk-increase 3x]';

/**
 * `tailgate compare --baseline BASE.json CURRENT.json`: two finished reports
 * compared without forecasting again (a release candidate's report against
 * the shipped one), with the action's rows and risk-increase rule
 * (compareReports). The verdict is the risk-increase gate's alone: the
 * current report was already judged on its thresholds when it was written,
 * and its verdict is shown, not recomputed. Exit code by the action's rule
 * (1 on fail in enforce mode).
 */
export async function runReportCompare(args: ParsedArgs, io: CliIo): Promise<number> {
  const basePath = args.values.get('baseline')?.[0];
  if (basePath === undefined || basePath.trim() === '') {
    // Reached with a positional and no --baseline: say what the positional was taken for.
    const taken = args.positionals.length > 0 ? ` ('${args.positionals[0]}' would be the current report)` : '';
    throw new InputError(
      `tailgate compare: comparing two reports needs --baseline BASE.json${taken}: ${USAGE}. For the red-team choice give only --policy FILE; its sources name their result files.`,
    );
  }
  if (args.positionals.length !== 1) {
    throw new InputError(`tailgate compare: give exactly one current report after the options (got ${args.positionals.length}): ${USAGE}.`);
  }
  const outputs = await checkOutputs(
    io.cwd,
    { path: outputPath(args.values, 'json', 'compare'), flag: 'json' },
    { path: outputPath(args.values, 'markdown', 'compare'), flag: 'markdown' },
  );
  // Reports named on the command line are confined like the CLI's other paths (sources/inside.ts, scope `named`).
  const baseFile = pathSource(io.cwd, basePath, 'named');
  const currentFile = pathSource(io.cwd, args.positionals[0], 'named');
  const baseline = await readReportFile(baseFile);
  const current = await readCurrent(currentFile);
  const one = (name: string): string => args.values.get(name)?.[0] ?? '';
  // The comparison is at the current report's n; the action inputs' own checks (factors, policy, mode) apply.
  const settings = readSettings(
    (name) => (name === 'deployment-volume' ? String(current.deploymentVolume) : name === 'baseline' ? basePath : one(name)),
    { policyText: policyFileReader(io.cwd, 'named') },
  );

  const rules = ruleBook(settings);
  const { view, verdict, comparison } = compareStoredReports(current, baseline, {
    label: baseFile.name,
    factorsFor: (behavior) => rules.rulesFor(behavior).riskIncrease,
  });
  const meta: ReportsTextMeta = {
    version: VERSION,
    verdict,
    currentName: currentFile.name,
    gated: anyRiskIncrease(settings),
    warnings: comparison.warnings,
  };
  io.stdout.write(renderReportsText(view, meta));
  if (outputs.json !== undefined) await writeOutput(outputs.json, comparisonJson(comparison, verdict, current, currentFile.name));
  if (outputs.markdown !== undefined) await writeOutput(outputs.markdown, renderReportsMarkdown(view, meta));
  return exitCodeFor(verdict, { mode: settings.mode, onInsufficientData: 'warn', onInconclusive: 'warn' });
}

export interface StoredComparison {
  /** The current report with this comparison in place of any it had: what the section renderers read. */
  view: Report;
  /** The risk-increase gate's verdict. */
  verdict: Verdict;
  comparison: ReportComparison;
}

/** Pure: {@link compareReports}, its verdict, and the view the renderers take. */
export function compareStoredReports(
  current: StoredReport,
  baseline: StoredReport,
  opts: Parameters<typeof compareReports>[2],
): StoredComparison {
  const comparison = compareReports(current, baseline, opts);
  const view: Report = { ...current, baseline: comparison.section, redTeam: null, breaches: comparison.breaches };
  return { view, verdict: increaseVerdict(comparison.breaches), comparison };
}

/** fail if any risk-increase level `fail` fired, else warn if any fired, else pass. */
export function increaseVerdict(breaches: readonly Breach[]): Verdict {
  if (breaches.some((b) => b.level === 'fail')) return 'fail';
  return breaches.length > 0 ? 'warn' : 'pass';
}

/**
 * The current report, with the checks a baseline report gets. read-report.ts
 * words its errors for the baseline (`baseline NAME: …`); here the file is
 * the current report, and the message must say so.
 */
async function readCurrent(file: ByteSource): Promise<StoredReport> {
  try {
    return await readReportFile(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const prefix = `baseline ${file.name}: `;
    const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new InputError(`current report ${file.name}: ${detail} (tailgate compare reads two tailgate JSON reports: ${USAGE})`);
  }
}

/**
 * The `--json` file: the report's `baseline` section (same shape as in the
 * action's report), the risk-increase breaches and the verdict they give.
 */
function comparisonJson(c: ReportComparison, verdict: Verdict, current: StoredReport, currentName: string): string {
  const doc = {
    tool: { name: 'tailgate', version: VERSION },
    generatedAt: new Date().toISOString(),
    verdict,
    current: { file: currentName, generatedAt: current.generatedAt, deploymentVolume: current.deploymentVolume, verdict: current.verdict },
    baseline: c.section,
    breaches: c.breaches,
    warnings: c.warnings,
  };
  assertFiniteNumbers(doc, 'compare');
  return `${JSON.stringify(doc, null, 2)}\n`;
}
