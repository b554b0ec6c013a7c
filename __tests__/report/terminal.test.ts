import { renderTerminal } from '../../src/report/terminal.js';
import { baseReport, failReport, tailBehavior, warnAdvisoryReport, withErrors } from '../helpers/reports.js';

describe('renderTerminal', () => {
  test('verdict line, headline sentence, aligned table, no Markdown', () => {
    const text = renderTerminal(failReport());
    const lines = text.split('\n');
    expect(lines[0]).toBe('tailgate 0.1.0: FAIL');
    expect(lines[1]).toBe('1 of 2 behaviours is at fail at 1M deployment queries:');
    expect(lines[2]).toBe('  - "harmful-advice": worst-query risk at 1M is 0.77 (90%: 0.31 – 0.88), above the fail threshold 0.50.');
    expect(text).not.toMatch(/\*\*|\\-|\|/);
    const header = lines.find((l) => l.startsWith('BEHAVIOUR'));
    if (header === undefined) throw new Error('no table header');
    const statusCol = header.indexOf('STATUS');
    const riskEnd = header.indexOf('RISK AT 1M') + 'RISK AT 1M'.length;
    // Left-aligned STATUS starts at the same column on every row; right-aligned risk ends at the same column.
    const row = lines.find((l) => l.startsWith('harmful-advice'));
    expect(row?.slice(statusCol)).toBe('FAIL (worst-query risk 0.77 above 0.50)');
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
    expect(
      text
        .trimEnd()
        .endsWith(
          '(no distribution shift); when not to trust the numbers: https://github.com/tailgate-dev/tailgate/blob/v0.1.0/docs/method.md#reading-the-numbers-and-when-not-to-trust-them',
        ),
    ).toBe(true);
  });

  test('errored samples: status, counts, next step and the worst case, without Markdown', () => {
    const b = withErrors(tailBehavior({ name: 'leak', m: 2000, nonzero: 48, a: -18, p1: 0.012 }), {
      samples: 300,
      judged: 700,
      queries: 12,
      worst: 0.41,
    });
    const text = renderTerminal(baseReport({ verdict: 'fail', behaviors: [b] }));
    expect(text.split('\n').find((l) => l.startsWith('leak'))).toMatch(/ERRORS \(30% errored, above 10%\)$/);
    expect(text).toContain(
      'Errored samples:\n' +
        '  leak: 300 of 1,000 samples errored (30%; budget 10%) in 12 queries: sample-error 300; over budget (on-error-budget: fail): re-run the errored samples; 12 queries affected\n' +
        '    Worst case, every errored sample a hit: worst-query risk 0.41 at 1M (0.044 as reported; this gates nothing)\n',
    );
  });

  test('advisory mode and behaviour warnings', () => {
    const text = renderTerminal(warnAdvisoryReport());
    expect(text).toContain('(advisory mode: the gate does not block)');
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
