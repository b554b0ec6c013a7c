import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/domain/report.js';
import {
  baseReport,
  breaching,
  failReport,
  injectionReport,
  insufficientBehavior,
  passReport,
  tailBehavior,
  warnAdvisoryReport,
  withErrors,
} from '../helpers/reports.js';

const render = (report: Report, marker?: string): string => renderMarkdown(report, { marker, maxChars: 65_536 }).body;
const WORST = { failWorstQueryRisk: 0.5, warnWorstQueryRisk: 0.1 };

/** Cells of a GFM table row: split on pipes not preceded by a backslash. */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

/** Every table in the body as [header, ...rows] lines (a table is a run of lines starting with `|`). */
function tables(body: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  return out;
}

describe('renderMarkdown: headline', () => {
  test('marker first, on its own line, then the verdict heading', () => {
    const body = render(passReport(), '<!-- tailgate:ci -->');
    expect(body.split('\n').slice(0, 2)).toEqual(['<!-- tailgate:ci -->', '### ✅ tailgate: pass']);
    expect(render(passReport()).startsWith('### ✅ tailgate: pass\n')).toBe(true);
  });

  test('pass names the riskiest behaviour and its forecast', () => {
    // harmful-advice forecast at 1M is 0.044 (fixture), pii-leak 7.8e-3.
    expect(render(passReport())).toContain(
      'Both behaviours pass: all forecasts stay below their thresholds at 1M deployment queries; the riskiest is **harmful\\-advice** at 0.044 worst-query risk.',
    );
  });

  test('pass without thresholds says nothing is gated', () => {
    const report = baseReport({ verdict: 'pass', behaviors: [tailBehavior({ name: 'x', m: 100, nonzero: 20, a: -10, p1: 0.05 })] });
    expect(render(report)).toContain('No thresholds are set, so nothing is gated at 1M deployment queries; the riskiest is **x**');
  });

  test('fail names the breaching behaviour, metric, values and volume', () => {
    const body = render(failReport());
    expect(body).toContain('### ❌ tailgate: fail');
    // The fixture's forecast 0.77 with its interval 0.31 – 0.88 (tailForecast: ×0.4 … capped), threshold 0.50.
    expect(body).toContain(
      '1 of 2 behaviours is at fail at 1M deployment queries:\n\n- **harmful\\-advice**: worst-query risk at 1M is 0.77 (90%: 0.31 – 0.88), above the fail threshold 0.50.',
    );
  });

  test('warn on the upper end, advisory mode says the gate does not block', () => {
    const body = render(warnAdvisoryReport());
    expect(body).toContain('### ⚠️ tailgate: warn');
    expect(body).toContain(
      '1 of 2 behaviours is at warn at 1M deployment queries (advisory mode: the gate does not block):\n\n- **jailbreak\\-compliance**: worst-query risk at 1M is 0.086 (90%: 0.034 – 0.21): its upper end 0.21 is above the warn threshold 0.10.',
    );
    expect(body).toContain('gate on: upper end of the 90% interval · mode: advisory');
  });

  test('several breaches: every deciding behaviour is named with its number, worst first', () => {
    const a = breaching(tailBehavior({ name: 'a', m: 100, nonzero: 20, a: -3, p1: 0.3, thresholds: WORST }), 'fail', 'forecast');
    const b = breaching(tailBehavior({ name: 'b', m: 100, nonzero: 20, a: -2, p1: 0.4, thresholds: WORST }), 'fail', 'forecast');
    const body = render(baseReport({ verdict: 'fail', behaviors: [a, b] }));
    // b has the higher forecast, so it sorts first and leads.
    expect(body).toContain('2 of 2 behaviours are at fail at 1M deployment queries:');
    expect(body).toMatch(
      /\n- \*\*b\*\*: worst-query risk at 1M is [0-9.]+ \(90%: [^)]+\), above the fail threshold 0\.50\.\n- \*\*a\*\*: worst-query risk at 1M is /,
    );
  });

  test('insufficient and error verdicts', () => {
    const x = insufficientBehavior({ name: 'x', m: 100, nonzero: 2, largestP: 0.1, hits: 2, samples: 1000, rateUpperBound: 5.3e-3 });
    expect(render(baseReport({ verdict: 'insufficient', behaviors: [x] }))).toContain(
      '### ❓ tailgate: insufficient\n\n1 of 1 behaviour could not be forecast at 1M deployment queries, and no forecast breaches a threshold:\n\n- **x**: no forecast (too few queries with hits for the tail fit: 2 of 100 queries have p̂ > 0); the largest observed p̂ is 0.10.',
    );
    const error = render(baseReport({ verdict: 'error', behaviors: [], warnings: ['no file matched results/*.eval'] }));
    expect(error).toContain('### 💥 tailgate: error\n\nThe run failed before a verdict');
    expect(error).toContain('- no file matched results/\\*.eval');
    expect(error).not.toContain('| Behaviour |');
  });

  test('a custom title is escaped', () => {
    const body = renderMarkdown(passReport(), { maxChars: 65_536, title: 'model @team' }).body;
    expect(body.startsWith('### ✅ model @\u200Dteam: pass')).toBe(true);
  });
});

describe('renderMarkdown: tables', () => {
  test('rows that need a reader sorted by status severity, open; clear rows by forecast, folded', () => {
    const pass1 = tailBehavior({ name: 'p-low', m: 100, nonzero: 20, a: -30, p1: 0.01, thresholds: WORST });
    const pass2 = tailBehavior({ name: 'p-high', m: 100, nonzero: 20, a: -10, p1: 0.05, thresholds: WORST });
    const warn = breaching(tailBehavior({ name: 'w', m: 100, nonzero: 20, a: -8, p1: 0.02, thresholds: WORST }), 'warn', 'upper');
    const ins = insufficientBehavior({ name: 'i', m: 100, nonzero: 2, largestP: 0.1, hits: 2, samples: 1000, rateUpperBound: 5.3e-3 });
    const fail = breaching(tailBehavior({ name: 'f', m: 100, nonzero: 20, a: -3, p1: 0.3, thresholds: WORST }), 'fail', 'forecast');
    const body = render(baseReport({ verdict: 'fail', behaviors: [pass1, ins, pass2, warn, fail] }));
    const names = (table: string[]) => table.slice(2).map((r) => cells(r)[0].trim());
    expect(names(tables(body)[0])).toEqual(['f', 'w', 'i']);
    expect(names(tables(body)[1])).toEqual(['p\\-high', 'p\\-low']);
    expect(body).toContain('<details><summary>2 behaviours clear</summary>\n\n| Behaviour |');
  });

  test('an insufficient row shows the largest p̂ and the binomial bound', () => {
    const row = tables(render(failReport()))[0].find((r) => r.startsWith('| self'));
    expect(row).toBe(
      '| self\\-exfiltration | 2,000 (4 with hits) | max p̂ 0.20 · per-sample rate ≤ 4.0e-4 (90%, 4 hits in 20,000 samples) | fail 0.50 · warn 0.10 | ❓ insufficient |',
    );
    // The reason is in the headline of an insufficient verdict and in the fit diagnostics.
    expect(render(failReport())).toContain('- No forecast (insufficient): only 4 queries with hits; the tail fit needs 10');
  });

  test('aggregate table is open when gated on it, folded otherwise', () => {
    expect(render(failReport())).toContain('**Aggregate risk and frequency at 1M deployment queries**');
    expect(render(passReport())).toContain('<details><summary>Aggregate risk and frequency at 1M deployment queries</summary>');
  });

  test('escaping in every table cell: no cell break, no HTML, no mention, no link, no reference', () => {
    const body = render(injectionReport(), '<!-- tailgate:ci -->');
    const all = tables(body);
    expect(all.length).toBeGreaterThanOrEqual(5); // open behaviours, clear behaviours, aggregate, chart data, tail points
    for (const table of all) {
      const width = cells(table[0]).length;
      for (const row of table) {
        expect(cells(row)).toHaveLength(width);
        for (const cell of cells(row)) {
          expect(cell).not.toMatch(/[<>]/);
          expect(cell).not.toMatch(/@(?!\u200D)/);
          expect(cell).not.toMatch(/#(?=\d)/);
          expect(cell).not.toMatch(/\]\(/);
          expect(Array.from(cell.replace(/\\/g, '')).length).toBeLessThan(260);
        }
      }
    }
    // The two behaviour tables (open, folded) hold all 11 attack names, each once.
    expect(all[0].length - 2 + all[1].length - 2).toBe(11);
  });

  test('no HTML but our own tags survives anywhere; the marker appears once', () => {
    const body = render(injectionReport(), '<!-- tailgate:ci -->');
    const tags = body.match(/<[^>]*>/g) ?? [];
    const ours = new Set(['<!-- tailgate:ci -->', '<details>', '</details>', '<summary>', '</summary>', '<sub>', '</sub>']);
    expect(tags.filter((t) => !ours.has(t))).toEqual([]);
    expect(body.match(/<!--/g)).toHaveLength(1);
    expect(body).not.toContain('javascript:alert(1))'); // the link syntax never survives unescaped
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length);
  });

  test('footer: non-hex SHA and non-http run URL are shown inert, a real one is linked', () => {
    const inj = render(injectionReport());
    expect(inj).toContain('head &lt;/details&gt;&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    expect(inj).toContain('run javascript:alert\\(1\\)</sub>');
    expect(inj).not.toContain('](javascript');
    expect(render(passReport())).toContain('head `3f2c9d1` · [workflow run](https://github.com/acme/model/actions/runs/123456789)</sub>');
    const parens = render({ ...passReport(), context: { runUrl: 'https://x.test/a(b)c d' } });
    expect(parens).toContain('[workflow run](https://x.test/a%28b%29c%20d)');
  });

  test('the method assumption is stated, with a link into the docs at the released tag (main for a non-release version)', () => {
    expect(render(passReport())).toContain(
      '[when not to trust the numbers](https://github.com/tailgate-dev/tailgate/blob/v0.1.0/docs/method.md#reading-the-numbers-and-when-not-to-trust-them)',
    );
    expect(render({ ...passReport(), tool: { name: 'tailgate', version: '0.1.0](x' } })).toContain('/blob/main/docs/method.md#');
    expect(render(passReport())).toContain(
      'assumes the eval queries are i.i.d. draws from the deployment distribution, with no distribution shift',
    );
  });
});

describe('renderMarkdown: errored samples', () => {
  // harmful-advice at 1M is forecast 0.044 (the fixture's a = -18, p1 = 0.012, m = 2000).
  const advice = () => tailBehavior({ name: 'harmful-advice', m: 2000, nonzero: 48, a: -18, p1: 0.012, thresholds: WORST });

  test('over budget (fail): the headline names it, the share, the budget and the next step', () => {
    const b = withErrors(advice(), { samples: 300, judged: 700, queries: 12, worst: 0.41 });
    const body = render(baseReport({ verdict: 'fail', behaviors: [b] }));
    expect(body).toContain('### ❌ tailgate: fail');
    expect(body).toContain(
      '- **harmful\\-advice**: 30% of its samples errored, over the error budget of 10% (on-error-budget: fail), so its forecast rests on part of the eval; re-run the errored samples; 12 queries affected.',
    );
    const row = tables(body)[0].find((line) => line.includes('harmful'));
    expect(row === undefined ? [] : cells(row).at(-1)?.trim()).toBe('⛔ errors: 30% errored, above 10%');
  });

  test('the errored-samples section: counts by reason, the budget, and one worst-case line', () => {
    const b = withErrors(advice(), { samples: 300, judged: 700, queries: 12, worst: 0.41 });
    const body = render(baseReport({ verdict: 'fail', behaviors: [b] }));
    expect(body).toContain(
      '**Errored samples**\n\n' +
        '- **harmful\\-advice**: 300 of 1,000 samples errored (30%; budget 10%) in 12 queries: sample\\-error 300; over budget (on-error-budget: fail): re-run the errored samples; 12 queries affected\n' +
        '  - Worst case, every errored sample a hit: worst-query risk 0.41 at 1M (0.044 as reported; this gates nothing)\n',
    );
    // It sits between the main table and the aggregate table.
    expect(body.indexOf('**Errored samples**')).toBeGreaterThan(body.indexOf('| Behaviour | Queries'));
    expect(body.indexOf('**Errored samples**')).toBeLessThan(body.indexOf('Aggregate risk and frequency'));
  });

  test('within budget: listed, no next step; on-error-budget warn leads a warn verdict', () => {
    const within = withErrors(advice(), { samples: 50, judged: 950, queries: 3 });
    const body = render(baseReport({ verdict: 'pass', behaviors: [within] }));
    expect(body).toContain('50 of 1,000 samples errored (5%; budget 10%) in 3 queries: sample\\-error 50; within budget\n');
    expect(body).not.toContain('Worst case');
    const warned = withErrors(advice(), { samples: 300, judged: 700, queries: 1, onBudget: 'warn' });
    const warnBody = render(baseReport({ verdict: 'warn', behaviors: [warned] }));
    expect(warnBody).toContain('### ⚠️ tailgate: warn');
    expect(warnBody).toContain(
      'over the error budget of 10% (on-error-budget: warn), so its forecast rests on part of the eval; re-run the errored samples; 1 query affected.',
    );
  });

  test('no section when nothing errored', () => {
    expect(render(passReport())).not.toContain('Errored samples');
  });

  test('reason names come from the artifacts: escaped', () => {
    const b = withErrors(advice(), { samples: 300, judged: 700, queries: 12 });
    const bad = { ...b, errors: { ...b.errors, byReason: { '<img src=x>@team #1': { samples: 300, queries: 12 } } } };
    const body = render(baseReport({ verdict: 'fail', behaviors: [bad] }));
    expect(body).not.toContain('<img');
    expect(body).not.toContain('@team');
    expect(body).not.toMatch(/(^|[^\\])#1/);
  });
});
