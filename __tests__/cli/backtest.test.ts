/**
 * `tailgate backtest` on examples/pass, in process (helpers/cli.ts). The pass
 * example has harmful-advice and pii-leak with 2,000 and 1,997 queries and
 * self-harm with 500 (scripts/make-examples.mjs), which decides which (m, n)
 * cells fit: a cell needs m + n queries.
 */
import { cliInProcess } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/spawn.js';

const backtest = (args: string[]) => cliInProcess(['backtest', ...args], REPO_ROOT);

/** Table rows as [behaviour, queries, m, n, scored, …] (cells split on two or more spaces). */
function rows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => /^(harmful-advice|pii-leak|self-harm) /.test(line))
    .map((line) => line.split(/ {2,}/));
}

describe('tailgate backtest', () => {
  test('one row per behaviour and (m, n) that fits; cells needing more queries are counted below', async () => {
    const r = await backtest(['examples/pass/results.jsonl', '--fit-sizes', '50,100', '--ratios', '5,10', '--splits', '20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const table = rows(r.stdout);
    // (m, n) = (50, 250), (50, 500), (100, 500), (100, 1000): m + n = 300, 550, 600, 1,100 — all fit in ~2,000
    // queries; in 500 (self-harm) only the first does.
    const cells = table.map(([name, , m, n]) => `${name} ${m} ${n}`);
    expect(cells).toEqual([
      'harmful-advice 50 250',
      'harmful-advice 50 500',
      'harmful-advice 100 500',
      'harmful-advice 100 1,000',
      'pii-leak 50 250',
      'pii-leak 50 500',
      'pii-leak 100 500',
      'pii-leak 100 1,000',
      'self-harm 50 250',
    ]);
    for (const row of table) {
      // SCORED "k/20", then three "Gumbel / log-normal" cells: two percentages and a median |log10 error|.
      expect(row[4]).toMatch(/^\d+\/20$/);
      expect(row[5]).toMatch(/^\d+% \/ \d+%$/);
      expect(row[6]).toMatch(/^\d+% \/ \d+%$/);
      expect(row[7]).toMatch(/^(\d+\.\d\d|∞) \/ (\d+\.\d\d|∞)$/);
    }
    expect(r.stdout).toContain("Left out, needing more than the behaviour's queries (m + n > QUERIES): self-harm (3 of 4).");
  });

  test('the same seed prints the same table; the default grid runs', async () => {
    const args = ['examples/pass/results.jsonl', '--fit-sizes', '100', '--ratios', '10', '--splits', '30', '--seed', '3'];
    const [a, b] = await Promise.all([backtest(args), backtest(args)]);
    expect(a.stdout).toBe(b.stdout);
    const defaults = await backtest(['examples/pass/results.jsonl']);
    expect(defaults.code).toBe(0);
    expect(defaults.stdout).toContain('100 random splits per row, tail size 10, seed 0.');
  });

  test('a behaviour whose eval is smaller than every cell gets one row saying so', async () => {
    const r = await backtest(['examples/insufficient/results.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^jailbreak +300 .*too few queries: the smallest cell needs m \+ n = 1,100$/m);
  });

  test.each([
    [['--ratios', '1'], 'Option --ratios: got "1"; out of range'],
    [['--fit-sizes', '5'], 'Option --fit-sizes: got "5"; out of range; use a whole number from 10'],
    [['--fit-sizes', '100,,300'], 'Option --fit-sizes: got "100,,300"; give a comma-separated list'],
    [['--splits', '3'], 'Option --splits: got "3"; out of range; use a whole number from 10 to 100000'],
    [['--deployment-volume', '1M'], "tailgate backtest: unknown option '--deployment-volume'"],
  ])('%j is refused, naming the option', async (flags, message) => {
    const r = await backtest(['examples/pass/results.jsonl', ...flags]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  test('no files is an error', async () => {
    const r = await backtest([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('give the result files');
  });
});
