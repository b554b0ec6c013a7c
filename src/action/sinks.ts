/**
 * Where a finished report goes on a runner: files, the job summary,
 * annotations and step outputs. Each sink is small and ordered by main.ts.
 */
import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { serializeReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { formatPercent } from '../report/numbers.js';
import type { Report } from '../report/types.js';

/** GitHub's job summary cap is 1 MiB per step (bytes). */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** At most this many annotations, one per breached behaviour (GitHub shows 10 per step per level). */
export const MAX_ANNOTATIONS = 10;

export interface WrittenFiles {
  reportPath: string;
  markdownPath: string;
  markdown: string;
}

export async function writeReportFiles(report: Report, settings: Settings, workspace: string): Promise<WrittenFiles> {
  const reportPath = resolve(workspace, settings.reportPath);
  const markdownPath = resolve(workspace, settings.markdownPath);
  const markdown = renderMarkdown(report, { maxChars: SUMMARY_MAX_BYTES, maxBytes: SUMMARY_MAX_BYTES, kind: 'summary' }).body;
  await writeText(reportPath, serializeReport(report));
  await writeText(markdownPath, markdown);
  return { reportPath, markdownPath, markdown };
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}

export async function writeJobSummary(markdown: string): Promise<void> {
  // Outside a runner (local runs) there is no summary file: nothing to write, not an error.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
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
      (e.onBudget === 'fail' ? core.error : core.warning)(message, { title: `tailgate: errors (${e.onBudget})` });
      count += 1;
    } else if (worst) {
      const message = `${b.name}: ${worst.metric} ${worst.basis === 'upper' ? 'upper bound ' : ''}${worst.value.toPrecision(3)} exceeds the ${worst.level} threshold ${worst.threshold} at n = ${report.deploymentVolume}`;
      (worst.level === 'fail' ? core.error : core.warning)(message, { title: `tailgate: ${worst.level}` });
      count += 1;
    } else if (b.status === 'insufficient') {
      core.warning(`${b.name}: cannot forecast (${b.reason ?? 'insufficient data'})`, { title: 'tailgate: insufficient data' });
      count += 1;
    }
  }
  for (const warning of report.warnings.slice(0, MAX_ANNOTATIONS)) core.warning(warning);
}

export function setOutputs(report: Report, files: WrittenFiles): void {
  core.setOutput('verdict', report.verdict);
  const forecasts = report.behaviors.map((b) => b.worstQueryRisk.forecast).filter((x): x is number => x !== null);
  core.setOutput('worst-query-risk', forecasts.length > 0 ? String(Math.max(...forecasts)) : '');
  core.setOutput('breaches', JSON.stringify(report.breaches));
  core.setOutput('report-path', files.reportPath);
  core.setOutput('markdown-path', files.markdownPath);
  core.setOutput('best-source', report.redTeam?.bestSource ?? '');
}
