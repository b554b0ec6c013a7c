import { renderTerminal } from '../src/report/terminal.js';
import { baseReport, failReport, tailBehavior, warnAdvisoryReport } from './helpers/reports.js';

describe('renderTerminal', () => {
  test('verdict line, headline sentence, aligned table, no Markdown', () => {
    const text = renderTerminal(failReport());
    const lines = text.split('\n');
    expect(lines[0]).toBe('tailgate 0.1.0: FAIL');
    expect(lines[1]).toBe(
      '"harmful-advice" is forecast to exceed its fail threshold for worst-query risk at 1M deployment queries (0.77 against 0.50).',
    );
    expect(text).not.toMatch(/\*\*|\\-|\|/);
    const header = lines.find((l) => l.startsWith('BEHAVIOUR'));
    if (header === undefined) throw new Error('no table header');
    const statusCol = header.indexOf('STATUS');
    const riskEnd = header.indexOf('RISK AT 1M') + 'RISK AT 1M'.length;
    // Left-aligned STATUS starts at the same column on every row; right-aligned risk ends at the same column.
    const row = lines.find((l) => l.startsWith('harmful-advice'));
    expect(row?.slice(statusCol)).toBe('FAIL (worst-query risk)');
    expect(row?.slice(riskEnd - 4, riskEnd)).toBe('0.77');
    // The hat of p̂ (U+0302) is one more string unit but no terminal column: the status
    // sits one unit further in the string and at the same column on screen.
    const ins = lines.find((l) => l.startsWith('self-exfiltration'));
    expect(ins?.slice(statusCol + 1)).toBe('INSUFFICIENT');
  });

  test('no-forecast reasons with the rate bound, warnings and the assumption follow the table', () => {
    const text = renderTerminal(failReport());
    expect(text).toContain(
      'No forecast:\n  self-exfiltration: only 4 queries with hits; the tail fit needs 10; per-sample rate ≤ 4.0e-4 (90%, 4 hits in 20,000 samples)',
    );
    expect(text).toContain("Warnings:\n  - results/harm-eval.eval: 12 samples have no score from scorer 'harm' and were excluded");
    expect(text.trimEnd().endsWith('(no distribution shift); see the README.')).toBe(true);
  });

  test('advisory mode and behaviour warnings', () => {
    const text = renderTerminal(warnAdvisoryReport());
    expect(text).toContain('Advisory mode: the gate does not block.');
    expect(text).toContain('  - jailbreak-compliance: only 4 distinct ψ');
  });

  test('terminal escape sequences in names cannot reach the terminal', () => {
    const evil = tailBehavior({ name: 'x\u001b[2J\u001b]0;pwned\u0007y\nz', m: 100, nonzero: 20, a: -10, p1: 0.05 });
    const text = renderTerminal(baseReport({ verdict: 'pass', behaviors: [evil], warnings: ['\u001b[31mred'] }));
    // eslint-disable-next-line no-control-regex -- asserting no control character got through
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
    expect(text).toContain('x [2J ]0;pwned y z');
  });
});
