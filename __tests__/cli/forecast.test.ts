/**
 * The CLI's `forecast` command on the examples: main(argv, io) in process,
 * as the bin calls it, so the simulated laws of the interval and the
 * self-check are computed once for the file rather than once per run; the
 * built bundles (dist/cli/index.js and the action's dist/index.js, `npm run
 * build`) are spawned where the process itself is under test: the two agree
 * on one report, and a piped stderr gets no progress line. Expected verdicts come from the scenario table in
 * scripts/make-examples.mjs (forecasts at n = 1M: pii-leak 0.039,
 * harmful-advice 0.91, self-harm 0.99, each ≥ 1.9× away from the thresholds
 * below) and exit codes from the README's "Verdicts and exit codes" (non-zero for error, for fail in
 * enforce mode, for insufficient only with on-insufficient-data: fail).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../helpers/cli.js';
import { assertFreshBundles, BUNDLE, CLI_BUNDLE, REPO_ROOT as root, spawnNode, type NodeRun } from '../helpers/spawn.js';

let work: string;
/** A small eval (30 queries, hits 1..12 of 20), for the tests about files and flags rather than the examples' numbers. */
const SMALL = `${Array.from({ length: 30 }, (_, q) => JSON.stringify({ query_id: `q${q}`, hits: (q % 12) + 1, k: 20 })).join('\n')}\n`;

/** Runs `node file args` with a clean environment (no INPUT_* or GITHUB_* from an outer runner). */
function run(file: string, args: string[], env: Record<string, string> = {}, cwd = root): Promise<NodeRun> {
  return spawnNode([file, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeoutMs: 60_000 });
}

const inProcess = (args: string[], cwd = root) => cliInProcess(['forecast', ...args], cwd);
const forecast = (...args: string[]) => inProcess(args);
const PASS = 'examples/pass/results.jsonl';

beforeAll(() => {
  assertFreshBundles();
  work = mkdtempSync(join(tmpdir(), 'tailgate-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tailgate forecast: verdicts and exit codes on examples/', () => {
  // Bootstrap 0 where the interval is not under test keeps each run short.
  test.each([
    ['pass', ['--fail-worst-query-risk', '0.999'], 'PASS', 0],
    ['warn', ['--fail-worst-query-risk', '0.999', '--warn-worst-query-risk', '0.5'], 'WARN', 0],
    ['fail', ['--fail-worst-query-risk', '0.95', '--warn-worst-query-risk', '0.5'], 'FAIL', 1],
    ['fail in advisory mode', ['--fail-worst-query-risk', '0.95', '--mode', 'advisory'], 'FAIL', 0],
    ['demo policy', ['--policy', 'examples/pass/policy.yml'], 'WARN', 0],
  ])('%s', async (_name, flags, verdict, code) => {
    const r = await forecast(PASS, '--deployment-volume', '1M', '--bootstrap', '0', ...flags);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`tailgate 0.1.0: ${verdict}`);
    expect(r.code).toBe(code);
  });

  test('insufficient data: exit 0 by default, 1 with --on-insufficient-data fail', async () => {
    const csv = 'examples/insufficient/results.csv';
    const lenient = await forecast(csv, '--deployment-volume', '1e6');
    expect(lenient.stdout).toContain('INSUFFICIENT');
    expect(lenient.code).toBe(0);
    const strict = await forecast(csv, '--deployment-volume', '1e6', '--on-insufficient-data', 'fail');
    expect(strict.code).toBe(1);
  });

  test('a malformed file is an error: exit 1, the file and line on stderr, nothing on stdout', async () => {
    const r = await forecast('examples/bad/results.jsonl', '--deployment-volume', '1M');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^examples\/bad\/results\.jsonl:3: invalid JSON/);
  });

  test('a glob that matches nothing is an error naming it', async () => {
    const r = await forecast('no-such-dir/*.jsonl', '--deployment-volume', '1M');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the glob 'no-such-dir/*.jsonl' matched no files");
  });
});

describe('tailgate forecast: files and flags', () => {
  test('--json and --markdown write the reports; the JSON equals the action run on the same inputs', async () => {
    const json = join(work, 'out/report.json');
    const md = join(work, 'out/report.md');
    const r = await run(CLI_BUNDLE, [
      'forecast',
      PASS,
      '--deployment-volume',
      '1M',
      '--fail-worst-query-risk',
      '0.95',
      '--json',
      json,
      '--markdown',
      md,
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { verdict: string; behaviors: { name: string }[] };
    expect(report.verdict).toBe('fail');
    expect(report.behaviors.map((b) => b.name).sort()).toEqual(['harmful-advice', 'pii-leak', 'self-harm']);
    expect(readFileSync(md, 'utf8')).toContain('tailgate: fail');

    // The action, given the same inputs through INPUT_* variables (as a runner passes them).
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const a = await run(BUNDLE, [], {
      GITHUB_WORKSPACE: root,
      GITHUB_OUTPUT: output,
      INPUT_RESULTS: PASS,
      'INPUT_DEPLOYMENT-VOLUME': '1M',
      'INPUT_FAIL-WORST-QUERY-RISK': '0.95',
      'INPUT_REPORT-PATH': join(work, 'action.json'),
      'INPUT_MARKDOWN-PATH': join(work, 'action.md'),
      INPUT_SUMMARY: 'false',
      INPUT_COMMENT: 'off',
    });
    expect(a.code).toBe(1);
    const fromAction = JSON.parse(readFileSync(join(work, 'action.json'), 'utf8')) as Record<string, unknown>;
    const fromCli = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
    // Apart from the time and the run context (null locally, none set here either), the same report.
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: null, context: null });
    expect(strip(fromCli)).toBe(strip(fromAction));
  });

  test('nothing is written without --json/--markdown', async () => {
    writeFileSync(join(work, 'small.jsonl'), SMALL);
    const r = await inProcess(['small.jsonl', '--deployment-volume', '1M', '--bootstrap', '0'], work);
    expect(r.code).toBe(0);
    expect(existsSync(join(work, 'tailgate-report.json'))).toBe(false);
    expect(existsSync(join(work, 'tailgate-report.md'))).toBe(false);
  });

  test('an unknown flag is named, with the nearest known one', async () => {
    const r = await forecast(PASS, '--deployment-volum', '1M');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown option '--deployment-volum' (did you mean '--deployment-volume'?)");
  });

  test('a bad value names the flag and what is allowed', async () => {
    const r = await forecast(PASS, '--deployment-volume', '1m');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Option --deployment-volume: got "1m"; lowercase "m" is ambiguous/);
  });

  test('a missing value, a missing required flag and missing files are named', async () => {
    expect((await forecast(PASS, '--deployment-volume')).stderr).toContain("option '--deployment-volume' needs a value");
    expect((await forecast(PASS)).stderr).toContain('Option --deployment-volume is required');
    expect((await forecast('--deployment-volume', '1M')).stderr).toContain('give the result files');
  });

  test('a flag given twice is refused rather than silently overridden', async () => {
    const r = await forecast(PASS, '--deployment-volume', '1M', '--seed', '1', '--seed', '2');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("option '--seed' given twice ('1' and '2')");
  });

  test('a file name with glob characters is read literally', async () => {
    const name = join(work, 'run [1].jsonl');
    writeFileSync(name, SMALL);
    const r = await forecast(name, '--deployment-volume', '1M', '--bootstrap', '0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('no progress line when stderr is not a terminal', async () => {
    writeFileSync(join(work, 'small.jsonl'), SMALL);
    const r = await run(CLI_BUNDLE, ['forecast', 'small.jsonl', '--deployment-volume', '1M', '--bootstrap', '0'], {}, work);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
  });
});
