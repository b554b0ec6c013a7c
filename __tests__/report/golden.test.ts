/**
 * Golden files: the rendered comment, job summary and terminal text of the
 * fixture reports, compared byte for byte. A difference fails the test; to
 * accept an intended change, regenerate on purpose with
 * `node scripts/update-golden.mjs` (or `UPDATE_GOLDEN=1` on this test) and
 * review the diff of __tests__/golden/ like code.
 *
 * The README's worked examples (`red-team`, `baseline-example`) are not
 * hand-made fixtures: they are the pipeline's own reports on examples/red-team
 * and examples/baseline (scripts/make-decision-examples.mjs), so the comment
 * the README shows is the one those files produce. Their goldens change when
 * the forecast does, which is the point: the README must then be updated too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings } from '../../src/config/inputs.js';
import { resolveGlobs } from '../../src/sources/globs.js';
import { runPipeline } from '../../src/pipeline.js';
import { compareStoredReports } from '../../src/cli/compare/report-pair.js';
import { renderRedTeamText, renderReportsText } from '../../src/report/decisions-text.js';
import { renderErrorComment } from '../../src/report/error-comment.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import type { Report } from '../../src/domain/report.js';
import { baselineReport, baseReport, failReport, injectionReport, passReport, warnAdvisoryReport } from '../helpers/reports.js';
import { inconclusiveReport, insufficientReport, notGatedReport } from '../helpers/report-states.js';
import { policyFileReader } from '../../src/sources/policy-file.js';
import { fileSource } from '../../src/sources/file-source.js';
import { workspaceFiles } from '../../src/sources/workspace-files.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const reports: Record<string, () => Report> = {
  pass: passReport,
  fail: failReport,
  'warn-advisory': warnAdvisoryReport,
  injection: injectionReport,
  baseline: baselineReport,
  inconclusive: inconclusiveReport,
  insufficient: insufficientReport,
  'not-gated': notGatedReport,
};

const renderings: Record<string, (r: Report) => string> = {
  // What the GitHub layer posts: the marker, the comment cap.
  'comment.md': (r) => renderMarkdown(r, { marker: '<!-- tailgate:ci -->', maxChars: 65_536 }).body,
  // What main.ts writes to the job summary: 1 MiB in bytes.
  'summary.md': (r) => renderMarkdown(r, { maxChars: 1_048_576, maxBytes: 1_048_576, kind: 'summary' }).body,
  'terminal.txt': (r) => renderTerminal(r),
};

/** Compares `actual` with golden file `name` (or writes it with UPDATE_GOLDEN=1). */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/update-golden.mjs\` and review it`);
  // toBe on strings shows a line diff on failure; byte-for-byte equality either way.
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

// The error state the sticky comment is updated to when a run errors (src/action/comment.ts, postErrorComment).
test('golden: error comment.md', () => {
  expectGolden(
    'error.comment.md',
    renderErrorComment({
      marker: '<!-- tailgate:ci -->',
      message:
        'results/harm-eval.eval: not a zip archive (it ends without a central directory); re-upload the artifact or point `results` at the .eval file',
      runUrl: 'https://github.com/acme/model/actions/runs/123456789',
      headSha: '3f2c9d1e8b7a6f5e4d3c2b1a09f8e7d6c5b4a392',
    }),
  );
});

describe.each(Object.entries(reports))('golden: %s', (name, make) => {
  test.each(Object.entries(renderings))('%s', (suffix, render) => {
    expectGolden(`${name}.${suffix}`, render(make()));
  });
});

/**
 * A worked example run as the action runs it (inputs through readSettings,
 * files relative to the repository root), at a fixed time, in a fixed PR
 * context (the fixtures' own), with the version pinned so a release does not
 * rewrite the README's example.
 */
async function exampleReport(inputs: Record<string, string>): Promise<Report> {
  const settings = readSettings((name) => inputs[name] ?? '', { policyText: policyFileReader(ROOT) });
  const files = (await resolveGlobs(settings.results, ROOT)).map(fileSource);
  const context = baseReport({ verdict: 'pass', behaviors: [] }).context;
  const report = await runPipeline(settings, files, { now: new Date('2026-11-20T12:00:00.000Z'), context, files: workspaceFiles(ROOT) });
  return { ...report, tool: { name: 'tailgate', version: '0.1.0' } };
}

/** The README's workflow steps (defaults otherwise: tail size 10, bootstrap 1000, seed 0). */
const EXAMPLES: Record<string, Record<string, string>> = {
  'red-team': { results: 'examples/red-team/sonnet.jsonl', 'deployment-volume': '1M', policy: 'examples/red-team/policy.yml' },
  'baseline-example': {
    results: 'examples/baseline/current.jsonl',
    'deployment-volume': '1M',
    baseline: 'examples/baseline/base.jsonl',
    'fail-risk-increase': '3x',
  },
};

const COMPARE_TEXT: Record<string, (report: Report) => Promise<string>> = {
  // `tailgate compare --policy examples/red-team/policy.yml`: the same ranking as the comment's section.
  'red-team': async (report) => {
    if (report.redTeam === null) throw new Error('the red-team example produced no red-team section');
    const s = report.settings;
    return renderRedTeamText(report.redTeam, {
      version: '0.1.0',
      tailSize: s.tailSize,
      confidence: s.confidence,
      bootstrap: s.bootstrap,
      seed: s.seed,
      volumeGiven: false,
    });
  },
  // `tailgate compare --baseline base.json current.json --fail-risk-increase 3x` on the reports of the two files.
  'baseline-example': async () => {
    const base = await exampleReport({ results: 'examples/baseline/base.jsonl', 'deployment-volume': '1M' });
    const current = await exampleReport({ results: 'examples/baseline/current.jsonl', 'deployment-volume': '1M' });
    const { view, verdict, comparison } = compareStoredReports(current, base, { label: 'base.json', factorsFor: () => ({ fail: 3 }) });
    return renderReportsText(view, { version: '0.1.0', verdict, currentName: 'current.json', gated: true, warnings: comparison.warnings });
  },
};

describe.each(Object.entries(EXAMPLES))('golden worked example: %s', (name, inputs) => {
  let report: Report;
  beforeAll(async () => {
    report = await exampleReport(inputs);
  });

  test.each(Object.entries(renderings))('%s', (suffix, render) => {
    expectGolden(`${name}.${suffix}`, render(report));
  });

  // What `tailgate compare` prints for the example (version pinned as above).
  test('compare.txt', async () => {
    expectGolden(`${name}.compare.txt`, await COMPARE_TEXT[name](report));
  });
});
