import { fitToBudget, type Part, type Step } from '../../src/report/budget.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { failReport, manyBehaviorsReport, passReport } from '../helpers/reports.js';

const COMMENT_CAP = 65_536;
const SUMMARY_CAP = 1_048_576;

/** Structural balance: every <details> closed, every ``` fence closed. */
function expectBalanced(body: string): void {
  expect(body.match(/<details>/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0);
  expect(body.split('\n').filter((line) => line.startsWith('```')).length % 2).toBe(0);
}

describe('fitToBudget', () => {
  const parts = (): Part[] => [
    { id: 'head', open: 'H\n', rows: [], close: '' },
    { id: 'rows', open: '<r>\n', rows: ['a1\n', 'a2\n', 'a3\n'], close: '</r>\n', omitted: (n) => `-${n}\n` },
    { id: 'extra', open: 'E'.repeat(20), rows: [], close: '', dropped: 'x\n' },
  ];
  const steps: Step[] = [
    { part: 'extra', action: 'drop' },
    { part: 'rows', action: 'trim' },
  ];

  test('untouched when it fits; parts joined by one blank line', () => {
    // 'H\n' + '\n' + '<r>\na1\na2\na3\n</r>\n' + '\n' + 20 E's = 2 + 1 + (4+3+3+3+5) + 1 + 20 = 42 chars
    const out = fitToBudget(parts(), steps, { maxChars: 42 });
    expect(out).toEqual({ body: `H\n\n<r>\na1\na2\na3\n</r>\n\n${'E'.repeat(20)}`, truncated: false });
    expect(fitToBudget(parts(), steps, { maxChars: 41 }).truncated).toBe(true);
  });

  test('steps run in order: drop first, then trim rows with the notice inside the part', () => {
    // After the drop: 'H\n' '\n' '<r>\na1\na2\na3\n</r>\n' '\n' 'x\n' = 2+1+18+1+2 = 24.
    expect(fitToBudget(parts(), steps, { maxChars: 24 })).toEqual({ body: 'H\n\n<r>\na1\na2\na3\n</r>\n\nx\n', truncated: true });
    // Keep 2 rows: '<r>\na1\na2\n-1\n</r>\n' is 18 again (the notice is as long as a row) → 24 > 23.
    // Keep 1 row: '<r>\na1\n-2\n</r>\n' = 15 → 2+1+15+1+2 = 21 ≤ 23.
    expect(fitToBudget(parts(), steps, { maxChars: 23 }).body).toBe('H\n\n<r>\na1\n-2\n</r>\n\nx\n');
    // Keep 0 rows: '<r>\n-3\n</r>\n' = 12 → 18.
    expect(fitToBudget(parts(), steps, { maxChars: 20 }).body).toBe('H\n\n<r>\n-3\n</r>\n\nx\n');
  });

  test('maxBytes counts UTF-8 bytes (é is 2 bytes, 1 char)', () => {
    const p: Part[] = [{ id: 'r', open: '', rows: ['éé\n', 'éé\n'], close: '', omitted: () => '' }];
    // chars: 6 fit; bytes: 10 do not fit 8 → keep one row (5 bytes).
    expect(fitToBudget(p, [{ part: 'r', action: 'trim' }], { maxChars: 6, maxBytes: 8 })).toEqual({ body: 'éé\n', truncated: true });
  });

  test('throws when the parts no step may reduce are over the limit', () => {
    expect(() => fitToBudget(parts(), steps, { maxChars: 10 })).toThrow(/above the limit of 10 characters/);
  });
});

describe('renderMarkdown under the size budget', () => {
  test('a 5,000-behaviour report stays within a comment, with the notice, balanced', () => {
    const report = manyBehaviorsReport(5000);
    const { body, truncated } = renderMarkdown(report, { marker: '<!-- tailgate:ci -->', maxChars: COMMENT_CAP });
    expect(truncated).toBe(true);
    expect(body.length).toBeLessThanOrEqual(COMMENT_CAP);
    expectBalanced(body);
    const notice = body.match(/_… ([\d,]+) more behaviours omitted \(comment size limit\); see the job summary or the JSON report\._/);
    expect(notice).not.toBeNull();
    // Rows shown + rows omitted = all behaviours.
    const shown = body.split('\n').filter((line) => line.startsWith('| behaviour\\-')).length;
    expect(shown).toBeGreaterThan(100);
    expect(shown + Number(notice?.[1].replace(/,/g, ''))).toBe(5000);
    // Detail went first: no diagnostics, no chart, but the headline, footer and marker stay.
    expect(body.startsWith('<!-- tailgate:ci -->\n### ✅ tailgate: pass')).toBe(true);
    expect(body).toContain('_Fit diagnostics omitted (comment size limit)');
    expect(body).not.toContain('```mermaid');
    expect(body).toContain('<sub>Gumbel-tail forecast');
  });

  test('the same report in a job summary keeps more and respects the byte cap', () => {
    const { body, truncated } = renderMarkdown(manyBehaviorsReport(5000), {
      maxChars: SUMMARY_CAP,
      maxBytes: SUMMARY_CAP,
      kind: 'summary',
    });
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(SUMMARY_CAP);
    expectBalanced(body);
    // All 5,000 table rows fit in 1 MiB once the diagnostics are cut (each row is ~110 bytes).
    expect(body.split('\n').filter((line) => line.startsWith('| behaviour\\-')).length).toBeGreaterThanOrEqual(5000);
    expect(body).toMatch(/omitted \(job summary size limit\); see the JSON report\._/);
  });

  test('detail is dropped in order: least risky diagnostics first, then all, then chart table, then chart', () => {
    const report = passReport();
    const full = renderMarkdown(report, { maxChars: SUMMARY_CAP });
    expect(full.truncated).toBe(false);
    const size = full.body.length;

    // One character short: the diagnostics of the less risky behaviour (pii-leak) go first.
    const oneShort = renderMarkdown(report, { maxChars: size - 1 });
    expect(oneShort.truncated).toBe(true);
    expect(oneShort.body).toContain('#### harmful\\-advice');
    expect(oneShort.body).not.toContain('#### pii\\-leak');
    expect(oneShort.body).toContain('_… fit diagnostics of 1 more behaviour omitted (comment size limit)');
    expect(oneShort.body).toContain('<summary>Chart data as a table</summary>');
    expectBalanced(oneShort.body);

    // Without room for any diagnostics: dropped with a notice (≈90 chars, hence the slack), chart table kept.
    const slack = 150;
    const diag = full.body.slice(full.body.indexOf('<details><summary>Fit diagnostics'), full.body.indexOf('---\n\n<sub>'));
    const noDiag = renderMarkdown(report, { maxChars: size - diag.length + slack });
    expect(noDiag.body).not.toContain('<summary>Fit diagnostics');
    expect(noDiag.body).toContain('_Fit diagnostics omitted (comment size limit)');
    expect(noDiag.body).toContain('<summary>Chart data as a table</summary>');
    expectBalanced(noDiag.body);

    // Then the chart's table, then the chart.
    const fallback = full.body.slice(
      full.body.indexOf('<details><summary>Chart data'),
      full.body.indexOf('<details><summary>Fit diagnostics'),
    );
    const noFallback = renderMarkdown(report, { maxChars: size - diag.length - fallback.length + slack });
    expect(noFallback.body).not.toContain('Chart data as a table');
    expect(noFallback.body).toContain('```mermaid');
    const chart = full.body.slice(full.body.indexOf('<details><summary>Forecast vs'), full.body.indexOf('<details><summary>Chart data'));
    const noChart = renderMarkdown(report, { maxChars: size - diag.length - fallback.length - chart.length + slack });
    expect(noChart.body).not.toContain('```mermaid');
    expect(noChart.body).toContain('_Chart omitted (comment size limit)._');
    // The tables are untouched until detail is gone.
    expect(noChart.body).toContain('| pii\\-leak |');
    expect(noChart.body.length).toBeLessThanOrEqual(size - diag.length - fallback.length - chart.length + slack);
    expectBalanced(noChart.body);
  });

  test('an open aggregate table (gated) and a folded one both stay balanced when trimmed', () => {
    const report = failReport();
    const full = renderMarkdown(report, { maxChars: SUMMARY_CAP }).body;
    for (let cap = full.length; cap > 1500; cap -= 97) {
      const { body } = renderMarkdown(report, { maxChars: cap });
      expect(body.length).toBeLessThanOrEqual(cap);
      expectBalanced(body);
    }
  });
});
