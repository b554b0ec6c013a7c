/**
 * Where a finished report goes on a runner: files, the job summary,
 * annotations and step outputs. Each sink is small and ordered by main.ts.
 */
import { setOutput } from './runner.js';
import { rm } from 'node:fs/promises';
import { writeFileWhole } from '../sources/output-files.js';
import { serializeReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { formatPercent } from '../report/numbers.js';
import { redact } from '../report/redact.js';
import type { Report } from '../domain/report.js';
import { log } from './log.js';

/** GitHub's job summary cap is 1 MiB per step (bytes). */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** At most this many annotations, one per breached behaviour (GitHub shows 10 per step per level). */
export const MAX_ANNOTATIONS = 10;

export interface WrittenFiles {
  reportPath: string;
  markdownPath: string;
  markdown: string;
}

/** The report as the two files hold it: the JSON report and the Markdown (the job summary's text). */
export function renderReportFiles(report: Report, paths: { reportPath: string; markdownPath: string }): WrittenFiles & { json: string } {
  const markdown = renderMarkdown(report, { maxChars: SUMMARY_MAX_BYTES, maxBytes: SUMMARY_MAX_BYTES, kind: 'summary' }).body;
  return { ...paths, markdown, json: serializeReport(report) };
}

/**
 * Writes both files, each whole (output-files.ts), the JSON report last: it is
 * what later steps read, so it appears only once everything before it worked.
 */
export async function writeReportFiles(files: WrittenFiles & { json: string }): Promise<void> {
  await writeFileWhole(files.markdownPath, files.markdown, 'Input `markdown-path`');
  await writeFileWhole(files.reportPath, files.json, 'Input `report-path`');
}

/**
 * After a failure that came once the files were written (a step output that
 * could not be set): rewrite them with verdict `error` and the reason, so the
 * report on disk never says `pass` while the step says `error`. If even that
 * fails, the JSON report is removed rather than left saying otherwise.
 */
export async function markReportFailed(report: Report, paths: { reportPath: string; markdownPath: string }, reason: string): Promise<void> {
  const failed: Report = {
    ...report,
    verdict: 'error',
    warnings: [...report.warnings, redact(`tailgate failed after this report was written: ${reason}`)],
  };
  try {
    await writeReportFiles(renderReportFiles(failed, paths));
  } catch {
    await rm(paths.reportPath, { force: true }).catch(() => undefined);
  }
}

/** One annotation per breached behaviour (errors for fail, warnings for warn), plus those over the error budget and insufficient ones. */
export function annotate(report: Report): void {
  let count = 0;
  for (const b of report.behaviors) {
    if (count >= MAX_ANNOTATIONS) break;
    const worst = b.breaches.find((x) => x.level === 'fail') ?? b.breaches[0];
    if (b.status === 'errors') {
      const e = b.errors;
      const message = `${b.name}: ${formatPercent(e.share)} of samples errored, over the error budget of ${formatPercent(e.maxShare)}; ${e.nextStep ?? 're-run the errored samples'}`;
      (e.onBudget === 'fail' ? log.error : log.warning)(message, { title: `tailgate: errors (${e.onBudget})` });
      count += 1;
    } else if (worst) {
      const message = `${b.name}: ${worst.metric} ${worst.basis === 'upper' ? 'upper bound ' : worst.basis === 'lower' ? 'lower end of the interval ' : ''}${worst.value.toPrecision(3)} exceeds the ${worst.level} threshold ${worst.threshold} at n = ${report.deploymentVolume}`;
      (worst.level === 'fail' ? log.error : log.warning)(message, { title: `tailgate: ${worst.level}` });
      count += 1;
    } else if (b.status === 'insufficient') {
      log.warning(`${b.name}: cannot forecast (${b.reason ?? 'insufficient data'})`, { title: 'tailgate: insufficient data' });
      count += 1;
    }
  }
  for (const warning of report.warnings.slice(0, MAX_ANNOTATIONS)) log.warning(warning);
}

/** `verdict` last: if an earlier output cannot be set, main.ts can still set it to `error`, so it never says pass alone. */
export function setOutputs(report: Report, files: Pick<WrittenFiles, 'reportPath' | 'markdownPath'>): void {
  const forecasts = report.behaviors.map((b) => b.worstQueryRisk.forecast).filter((x): x is number => x !== null);
  setOutput('worst-query-risk', forecasts.length > 0 ? String(Math.max(...forecasts)) : '');
  setOutput('breaches', JSON.stringify(report.breaches));
  setOutput('report-path', files.reportPath);
  setOutput('markdown-path', files.markdownPath);
  setOutput('best-source', report.redTeam?.bestSource ?? '');
  setOutput('verdict', report.verdict);
}
