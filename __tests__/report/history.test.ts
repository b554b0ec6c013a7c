/**
 * The "History" section of the Markdown: the trend chart and table per
 * behaviour, the creep line, and what stays out of the Mermaid block.
 * Expected numbers are log10 of the risks written here, by hand.
 */
import { describe, expect, test } from '@jest/globals';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ReportHistory } from '../../src/domain/history.js';
import type { Report } from '../../src/domain/report.js';
import { baseReport, passReport, tailBehavior } from '../helpers/reports.js';

const NAME = 'harm</details>`*[x](http://e)';

function withHistory(history: ReportHistory): Report {
  const b = tailBehavior({ name: NAME, m: 1000, nonzero: 50, a: 1, p1: 0.3 });
  const behavior = { ...b, worstQueryRisk: { ...b.worstQueryRisk, forecast: 0.01, lower: 0.001, upper: 0.1 } };
  return baseReport({ verdict: 'pass', behaviors: [behavior], history });
}

const point = (commit: string, forecast: number) => ({
  commit,
  date: '2026-11-20T12:00:00.000Z',
  forecast,
  lower: forecast / 10,
  upper: forecast * 10,
});

const render = (report: Report) => renderMarkdown(report, { maxChars: 65_536 }).body;

describe('the history section', () => {
  test('is absent without a history, so reports without one render as before', () => {
    expect(render(passReport())).not.toContain('**History**');
  });

  test('draws lower end, forecast and upper end on a log10 scale, this run last', () => {
    const body = render(
      withHistory({
        source: 'tailgate-data:h.json',
        records: 2,
        window: 10,
        note: null,
        behaviors: [{ name: NAME, points: [point('a'.repeat(40), 1e-4), point('b'.repeat(40), 1e-3)], rule: { fail: 3 }, creep: null }],
      }),
    );
    expect(body).toContain('x-axis ["aaaaaaa", "bbbbbbb", "this run"]');
    // lower: 1e-5, 1e-4, 0.001; forecast: 1e-4, 1e-3, 0.01; upper: 1e-3, 1e-2, 0.1.
    expect(body).toContain('line [-5.000, -4.000, -3.000]');
    expect(body).toContain('line [-4.000, -3.000, -2.000]');
    expect(body).toContain('line [-3.000, -2.000, -1.000]');
    expect(body).toContain('✅ no creep (fail 3×).');
    // The name is escaped Markdown outside the chart, never inside it.
    const chart = body.slice(body.indexOf('```mermaid'), body.indexOf('```', body.indexOf('```mermaid') + 3));
    expect(chart).not.toContain('harm');
    expect(body).not.toContain('</details>`*[x](http://e)');
  });

  test('names the reference record when creep fires', () => {
    const body = render(
      withHistory({
        source: 'h.json',
        records: 1,
        window: 5,
        note: null,
        behaviors: [
          {
            name: NAME,
            points: [point('c'.repeat(40), 2e-4)],
            rule: { warn: 2 },
            creep: { level: 'warn', factor: 2, ratio: 5, reference: { commit: 'c'.repeat(40), forecast: 2e-4 } },
          },
        ],
      }),
    );
    expect(body).toContain('⚠️ creep: the lower end is 5× the lowest recent forecast (2.0e-4 at `ccccccc`; warn factor 2×).');
  });

  test('says why there is no trend, escaped', () => {
    const body = render(withHistory({ source: 'h.json', records: 0, window: 10, note: 'no history *yet*', behaviors: [] }));
    expect(body).toContain('_No trend: no history \\*yet\\*._');
  });
});
