/**
 * Golden files: the rendered comment, job summary and terminal text of the
 * fixture reports, compared byte for byte. A difference fails the test; to
 * accept an intended change, regenerate on purpose with
 * `node scripts/update-golden.mjs` (or `UPDATE_GOLDEN=1` on this test) and
 * review the diff of __tests__/golden/ like code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTerminal } from '../src/report/terminal.js';
import type { Report } from '../src/report/types.js';
import { baselineReport, failReport, injectionReport, passReport, warnAdvisoryReport } from './helpers/reports.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const reports: Record<string, () => Report> = {
  pass: passReport,
  fail: failReport,
  'warn-advisory': warnAdvisoryReport,
  injection: injectionReport,
  baseline: baselineReport,
};

const renderings: Record<string, (r: Report) => string> = {
  // What the GitHub layer posts: the marker, the comment cap.
  'comment.md': (r) => renderMarkdown(r, { marker: '<!-- tailgate:ci -->', maxChars: 65_536 }).body,
  // What main.ts writes to the job summary: 1 MiB in bytes.
  'summary.md': (r) => renderMarkdown(r, { maxChars: 1_048_576, maxBytes: 1_048_576, kind: 'summary' }).body,
  'terminal.txt': (r) => renderTerminal(r),
};

describe.each(Object.entries(reports))('golden: %s', (name, make) => {
  test.each(Object.entries(renderings))('%s', (suffix, render) => {
    const file = join(GOLDEN, `${name}.${suffix}`);
    const actual = render(make());
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/update-golden.mjs\` and review it`);
    // toBe on strings shows a line diff on failure; byte-for-byte equality either way.
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
