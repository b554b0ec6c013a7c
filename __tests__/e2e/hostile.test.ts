/**
 * End-to-end: hostile and broken input through the BUILT bundle
 * (dist/index.js, `npm run build`), one class of docs/security.md at a time:
 * links out of the workspace, a token echoed back by the API, forged
 * workflow commands in every string that comes from outside, and output
 * paths that cannot be written. Each run checks the exit code, that the
 * `::error::`/`::warning::` line names the input, file or entry, and that the
 * step outputs agree with the report on disk.
 *
 * Fast on purpose: every fault answers at once (no timeouts, no 5xx that the
 * client would retry with back-off), `bootstrap: 0`, and all runs start
 * together in one beforeAll.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeArtifactService, zipStored } from '../helpers/fake-artifact-service.js';
import { actionsEnv, startFakeGitHub, type Fault, type FakeGitHub, type RouteName } from '../helpers/fake-github.js';
import { inputEnv, parseGithubOutput, parseWorkflowCommands, runnerFiles } from '../helpers/runner-files.js';
import { removeSpawnDirs, spawnAction, tempDir, type SpawnedRun } from '../helpers/spawn-action.js';
import { assertFreshBundles, BUNDLE, REPO_ROOT, spawnNode } from '../helpers/spawn.js';

/** `ghs_` and 36 random letters and digits: shaped like an installation token, different on every run. */
const TOKEN = `ghs_${randomBytes(64)
  .toString('base64')
  .replace(/[^A-Za-z0-9]/g, '')
  .slice(0, 36)}`;
const PR_EVENT = join(REPO_ROOT, '__tests__', 'fixtures', 'events', 'pull_request.json');
const ROWS = readFileSync(join(REPO_ROOT, 'examples', 'pass', 'results.jsonl'), 'utf8');
/** A few sampled rows: enough to read, too few to forecast (verdict insufficient, exit 0). */
const SMALL = ['q1', 'q2', 'q3'].map((q) => JSON.stringify({ query_id: q, behavior: 'b', hits: 1, k: 10 })).join('\n') + '\n';
const BASE = { 'deployment-volume': '1M', bootstrap: '0', comment: 'off' };

// ---------------------------------------------------------------------------------------------
// What every run must satisfy.

/** .NET's TrimStart, as the runner applies it before looking for `::`. */
const LEADING = /^[\s\u0085\u180e]*/;
/** The commands the action itself prints, by name; add-mask only for values we registered. */
const ALLOWED = /^::(add-mask|debug|warning|error|notice)(?: [^:]*)?::/;

/**
 * Lines of a stream the runner would obey that are not one of ours (should be
 * empty). A line that parses as one of our `::` commands is taken as that
 * command, whatever its data holds: the runner tries the `::` form first and
 * the older `##[` form only when that fails, so `##[` is a danger only in a
 * line that is not a command. `secrets`: the values the action may mask.
 */
function foreignCommands(stream: string, secrets: string[]): string[] {
  return stream.split(/\r\n|\r|\n/).filter((line) => {
    const trimmed = line.replace(LEADING, '');
    if (!trimmed.startsWith('::')) return line.includes('##[');
    const m = ALLOWED.exec(trimmed);
    if (m === null || trimmed !== line) return true;
    return m[1] === 'add-mask' && !secrets.includes(trimmed.slice('::add-mask::'.length));
  });
}

interface Checked {
  run: SpawnedRun;
  /** The report-path and markdown-path this run was given. */
  reportFile: string;
  markdownFile: string;
}

/**
 * What the action may mask: the token, the runner's artifact token, and the
 * signature of a signed artifact URL, which @actions/artifact masks itself.
 */
let maskable: string[] = [TOKEN, 'FakeSignature'];

/** The report on disk, the outputs and the exit code agree; an error leaves no report that says otherwise. */
function expectConsistent({ run, reportFile }: Checked): void {
  const verdict = run.outputs.verdict;
  const onDisk = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as { verdict: string }).verdict : null;
  if (verdict === 'error') {
    expect(run.code).toBe(1);
    expect(onDisk === null || onDisk === 'error').toBe(true);
  } else {
    expect(onDisk).toBe(verdict);
    expect(run.outputs['report-path']).toBe(reportFile);
  }
  expect(foreignCommands(run.stdout, maskable)).toEqual([]);
  expect(foreignCommands(run.stderr, maskable)).toEqual([]);
}

const errors = (run: SpawnedRun): string[] => run.commands.filter((c) => c.command === 'error').map((c) => c.message);
const transcript = (run: SpawnedRun): string => `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

// ---------------------------------------------------------------------------------------------
// Running the bundle.

interface RunSpec {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  files?: Record<string, string>;
  setup?: (workspace: string) => void;
}

async function step(spec: RunSpec): Promise<Checked> {
  const out = tempDir('tailgate-e2e-hostile-');
  const reportFile = join(out, 'report.json');
  const markdownFile = join(out, 'report.md');
  const run = await spawnAction({
    inputs: { ...BASE, 'report-path': reportFile, 'markdown-path': markdownFile, ...spec.inputs },
    env: spec.env ?? {},
    files: spec.files ?? {},
    setup: spec.setup,
    timeoutMs: 30_000,
  });
  return { run, reportFile, markdownFile };
}

/** A run against a fake GitHub answering `route` with `fault` (others normally), on a pull_request event. */
async function withGitHub(route: RouteName, fault: Fault, spec: RunSpec): Promise<Checked> {
  const fake: FakeGitHub = await startFakeGitHub({ token: TOKEN });
  try {
    fake.fault(route, fault);
    return await step({
      ...spec,
      inputs: { comment: 'auto', 'github-token': TOKEN, ...spec.inputs },
      env: { ...actionsEnv({ apiUrl: fake.url, eventName: 'pull_request', eventPath: PR_EVENT }), GITHUB_TOKEN: TOKEN, ...spec.env },
    });
  } finally {
    await fake.close();
  }
}

/**
 * Runs start in a beforeAll and are awaited in the tests; a handler is attached
 * at once so that a run that fails early is reported by its own test, not as an
 * unhandled rejection in whichever test is running.
 */
function started<T>(run: Promise<T>): Promise<T> {
  run.catch(() => undefined);
  return run;
}

beforeAll(assertFreshBundles);
afterAll(() => removeSpawnDirs());

// ---------------------------------------------------------------------------------------------
// 1. No file from outside the workspace through a link.

describe('links out of the workspace', () => {
  const outside = tempDir('tailgate-e2e-outside-');
  const runs = new Map<string, Promise<Checked>>();
  const linked = (workspace: string): void => {
    mkdirSync(join(outside, 'data'), { recursive: true });
    writeFileSync(join(outside, 'data', 'secret.jsonl'), SMALL);
    writeFileSync(join(outside, 'policy.yml'), 'defaults:\n  fail-worst-query-risk: 0.5\n');
    symlinkSync(join(outside, 'data'), join(workspace, 'evals'));
    mkdirSync(join(workspace, 'sub'));
    symlinkSync(join(outside, 'data', 'secret.jsonl'), join(workspace, 'sub', 'filelink.jsonl'));
    symlinkSync('data', join(workspace, 'inlink'));
    symlinkSync('../data/in.jsonl', join(workspace, 'sub', 'inside.jsonl'));
    symlinkSync(join(outside, 'policy.yml'), join(workspace, 'tailgate.yml'));
  };
  const spec = (inputs: Record<string, string>): RunSpec => ({ inputs, files: { 'data/in.jsonl': SMALL }, setup: linked });

  beforeAll(() => {
    runs.set('glob', started(step(spec({ results: 'evals/*.jsonl' }))));
    runs.set('literal', started(step(spec({ results: 'sub/filelink.jsonl' }))));
    runs.set('policy', started(step(spec({ results: 'data/in.jsonl', policy: 'tailgate.yml' }))));
    runs.set('inside', started(step(spec({ results: 'inlink/*.jsonl\nsub/inside.jsonl' }))));
  });

  test.each([
    ['a glob through a linked directory', 'glob', "results: the glob 'evals/*.jsonl' matched evals/secret.jsonl, but the link evals -> "],
    [
      'a literal path that is a file link',
      'literal',
      "results: the glob 'sub/filelink.jsonl' matched sub/filelink.jsonl, but the link sub/filelink.jsonl -> ",
    ],
    ['the policy file through a link', 'policy', 'policy tailgate.yml: the file, but the link tailgate.yml -> '],
  ])('%s is refused: exit 1, verdict error, the error names the input and the link, no report', async (_case, key, says) => {
    const checked = await runs.get(key);
    if (checked === undefined) throw new Error('no run');
    const { run } = checked;
    expect(errors(run).join('\n')).toContain(says);
    expect(errors(run).join('\n')).toContain('takes it outside the workspace');
    expect(run.outputs.verdict).toBe('error');
    expect(existsSync(checked.reportFile)).toBe(false);
    expectConsistent(checked);
  });

  test('links that stay inside are read: one file, named as matched', async () => {
    const checked = await runs.get('inside');
    if (checked === undefined) throw new Error('no run');
    if (checked.run.code !== 0) throw new Error(transcript(checked.run));
    const report = JSON.parse(readFileSync(checked.reportFile, 'utf8')) as { inputs: { file: string }[] };
    expect(report.inputs.map((i) => i.file)).toEqual(['inlink/in.jsonl']);
    expectConsistent(checked);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. No piece of the token in any output.

describe('a token echoed back by the API', () => {
  /** Each fault answers at once and is not retried (4xx, or a 200 carrying GraphQL errors). */
  const CASES: [string, RouteName, Fault, Record<string, string>, RegExp][] = [
    [
      'an HTML error page with the token in its title and body',
      'graphql',
      { status: 400, body: `<html><head><title>Proxy refused ${TOKEN}</title></head><body>token=${TOKEN}</body></html>` },
      {},
      /PR comment not posted: reading the token's login failed: 400 Proxy refused \*\*\*/,
    ],
    [
      'a JSON message cut mid-token, with the token in a documentation URL',
      'graphql',
      {
        status: 403,
        body: { message: `${'x'.repeat(150)}${TOKEN}`, documentation_url: `https://proxy.example/login?access_token=${TOKEN}` },
      },
      {},
      /PR comment not posted: reading the token's login failed: the token cannot write comments .*\(403 x+\*\*\*/,
    ],
    [
      'a 401 that echoes the first 24 characters of the token',
      'listComments',
      { status: 401, body: { message: `Bad credentials ${TOKEN.slice(0, 24)}` } },
      {},
      /PR comment not posted: .* GitHub rejected the token \(401 Bad credentials \*\*\*\)/,
    ],
    [
      'a GraphQL error message that quotes the token',
      'graphql',
      { status: 200, body: { errors: [{ message: `token ${TOKEN} lacks the read:user scope` }] } },
      {},
      /PR comment not posted: reading the token's login failed: .*token \*\*\* lacks/,
    ],
    [
      'a baseline lookup refused with the token in the message (the reason lands in the report)',
      'workflowRuns',
      { status: 403, body: { message: `${'y'.repeat(180)}${TOKEN} must have admin rights` } },
      { comment: 'off', 'baseline-artifact': 'tailgate-report', 'baseline-workflow': 'evals.yml' },
      /^Baseline not found: looking for the artifact "tailgate-report" .* failed: y+\*\*\*/,
    ],
  ];
  const runs = new Map<string, Promise<Checked>>();

  beforeAll(() => {
    for (const [name, route, fault, inputs] of CASES) {
      runs.set(name, started(withGitHub(route, fault, { inputs: { results: 'r.jsonl', ...inputs }, files: { 'r.jsonl': SMALL } })));
    }
  });

  /** Every piece of the token of 8 characters (any longer piece contains one). */
  const pieces = Array.from({ length: TOKEN.length - 7 }, (_, i) => TOKEN.slice(i, i + 8));
  const leaks = (text: string): string[] => pieces.filter((p) => text.includes(p));

  test.each(CASES.map(([name, , , , says]) => [name, says] as const))('%s', async (name, says) => {
    const checked = await runs.get(name);
    if (checked === undefined) throw new Error('no run');
    const { run } = checked;
    if (run.code !== 0) throw new Error(transcript(run));
    // The failure is reported, naming what failed, and the verdict is untouched.
    expect(run.warnings.filter((w) => says.test(w))).toHaveLength(1);
    // The one line allowed to hold the token tells the runner to mask it (the runner swallows it).
    const stdout = run.stdout
      .split('\n')
      .filter((l) => l !== `::add-mask::${TOKEN}`)
      .join('\n');
    expect(run.stdout.split('\n')).toContain(`::add-mask::${TOKEN}`);
    expect({
      stdout: leaks(stdout),
      stderr: leaks(run.stderr),
      summary: leaks(run.summary),
      outputs: leaks(run.outputsText),
      report: leaks(readFileSync(checked.reportFile, 'utf8')),
      markdown: leaks(readFileSync(checked.markdownFile, 'utf8')),
    }).toEqual({ stdout: [], stderr: [], summary: [], outputs: [], report: [], markdown: [] });
    expectConsistent(checked);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Forged workflow commands in every string that comes from outside.

/** Every way a string could start a line the runner obeys. */
const FORGE = [
  '\n::error::FORGED-nl',
  '\r::set-output name=verdict::pass',
  '%0A::warning::FORGED-esc',
  '\u2028::notice::FORGED-ls',
  ' ##[set-output name=verdict;]pass',
].join('');
const EVIL_FILE = `r${FORGE.replace(/\//g, '_')}.jsonl`;

describe('forged workflow commands', () => {
  const runs = new Map<string, Promise<Checked>>();
  let artifacts: FakeArtifactService;

  beforeAll(async () => {
    // File name, behaviour names and query ids: the example rows renamed, gated to fail so every behaviour is annotated.
    const renamed = ROWS.replace(/"behavior":"([^"]+)"/g, (_m, b: string) => `"behavior":${JSON.stringify(`${b}${FORGE}`)}`).replace(
      /"query_id":"([^"]+)"/g,
      (_m, q: string) => `"query_id":${JSON.stringify(`${q}${FORGE}`)}`,
    );
    // The API's answer to the comment create: its html_url is printed in an info line.
    const created = {
      id: 9,
      body: 'x',
      html_url: `https://github.com/o/r/pull/7${FORGE}`,
      user: { login: 'github-actions[bot]' },
      created_at: 'now',
    };
    runs.set(
      'files, behaviours, query ids and an API answer',
      started(
        withGitHub(
          'createComment',
          { status: 201, body: created },
          { inputs: { results: '*.jsonl', 'fail-worst-query-risk': '1e-6' }, files: { [EVIL_FILE]: renamed } },
        ),
      ),
    );
    // A query id in an error: sampled and given rows for one query.
    const mixed = [
      { query_id: `q${FORGE}`, behavior: `b${FORGE}`, hits: 1, k: 10 },
      { query_id: `q${FORGE}`, behavior: `b${FORGE}`, prob: 0.5 },
    ];
    runs.set(
      'a query id in an error',
      started(step({ inputs: { results: '*.jsonl' }, files: { [EVIL_FILE]: mixed.map((r) => JSON.stringify(r)).join('\n') + '\n' } })),
    );
    // An API error body in a warning.
    runs.set(
      'an API error body',
      started(
        withGitHub(
          'listComments',
          { status: 403, body: { message: `Resource not accessible${FORGE}` } },
          { inputs: { results: 'r.jsonl' }, files: { 'r.jsonl': SMALL } },
        ),
      ),
    );
    // Artifact names: this run's artifacts, printed in an info line as they are read.
    artifacts = await FakeArtifactService.start();
    maskable = [...maskable, artifacts.runtimeToken()];
    artifacts.thisRun = [{ id: 101, name: `shard${FORGE.replace(/\//g, '_')}`, bytes: zipStored([{ name: 'r.jsonl', data: SMALL }]) }];
    runs.set('artifact names', started(step({ inputs: { 'artifact-pattern': 'shard*' }, env: artifacts.env() })));
  });
  afterAll(async () => artifacts.close());

  test('in file names, behaviour names and query ids, and in a comment URL from the API: verdict fail, annotations name the behaviours', async () => {
    const checked = await runs.get('files, behaviours, query ids and an API answer');
    if (checked === undefined) throw new Error('no run');
    const { run } = checked;
    expect({ code: run.code, verdict: run.outputs.verdict }).toEqual({ code: 1, verdict: 'fail' });
    // One annotation per behaviour, each naming it (its forged text made inert, not dropped).
    expect(errors(run).filter((e) => /^harmful-advice\n: :error::FORGED-nl/.test(e))).toHaveLength(1);
    expect(run.stdout).toContain('tailgate: PR comment created: https://github.com/o/r/pull/7\n: :error::FORGED-nl');
    expectConsistent(checked);
  });

  test.each([
    // The file, its line and the query: `r…jsonl:2: query 'q…' of behaviour 'b…' mixes …`.
    ['a query id in an error', /^r\n: :error::FORGED-nl.*\.jsonl:2: query 'q\n: :error::FORGED-nl/s],
    // Flattened to one line by oneLine, so the forged text is mid-line and inert.
    ['an API error body', /^PR comment not posted: .*Resource not accessible ::error::FORGED-nl/],
    ['artifact names', /./],
  ])('in %s', async (name, says) => {
    const checked = await runs.get(name);
    if (checked === undefined) throw new Error('no run');
    const { run } = checked;
    const lines = [...errors(run), ...run.warnings];
    if (name !== 'artifact names') expect(lines.filter((l) => says.test(l))).toHaveLength(1);
    else expect(run.stdout).toContain('tailgate: read 1 artifact(s): shard\n: :error::FORGED-nl');
    expectConsistent(checked);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Output paths: checked first, and never a report that disagrees with the step.

describe('output paths', () => {
  const runs = new Map<string, Promise<Checked>>();
  const custom = new Map<string, Promise<{ code: number | null; stdout: string; report: string | null; outputs: string }>>();

  /** The bundle with GITHUB_OUTPUT or GITHUB_STEP_SUMMARY made a directory, which spawnAction does not allow. */
  async function brokenRunnerFile(which: 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY') {
    const dir = tempDir('tailgate-e2e-runnerfile-');
    const workspace = join(dir, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'r.jsonl'), SMALL);
    const files = runnerFiles(dir);
    const broken = join(dir, 'a-directory');
    mkdirSync(broken);
    const report = join(dir, 'report.json');
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: which === 'GITHUB_OUTPUT' ? broken : files.outputFile,
      GITHUB_STEP_SUMMARY: which === 'GITHUB_STEP_SUMMARY' ? broken : files.summaryFile,
      ...inputEnv({ ...BASE, results: 'r.jsonl', 'report-path': report, 'markdown-path': join(dir, 'report.md') }),
    };
    const r = await spawnNode([BUNDLE], { cwd: workspace, env, timeoutMs: 30_000 });
    return {
      code: r.code,
      stdout: r.stdout,
      report: existsSync(report) ? readFileSync(report, 'utf8') : null,
      outputs: which === 'GITHUB_OUTPUT' ? '' : readFileSync(files.outputFile, 'utf8'),
    };
  }

  beforeAll(() => {
    const files = { 'r.jsonl': SMALL, 'notes.txt': 'a file\n' };
    const reports = (w: string) => mkdirSync(join(w, 'reports'));
    runs.set('report-path', started(step({ inputs: { results: 'r.jsonl', 'report-path': 'reports' }, files, setup: reports })));
    runs.set('markdown-path', started(step({ inputs: { results: 'r.jsonl', 'markdown-path': 'notes.txt/summary.md' }, files })));
    custom.set('GITHUB_OUTPUT', brokenRunnerFile('GITHUB_OUTPUT'));
    custom.set('GITHUB_STEP_SUMMARY', brokenRunnerFile('GITHUB_STEP_SUMMARY'));
  });

  test.each([
    ['a report-path that is a directory', 'report-path', /^Input `report-path`: .*\/reports is a directory; give a file name/],
    [
      'a markdown-path below a regular file',
      'markdown-path',
      /^Input `markdown-path`: .*\/notes\.txt is a file, so .* cannot be created below it/,
    ],
  ])('%s: an error naming the input before any work, and no report at all', async (_case, key, says) => {
    const checked = await runs.get(key);
    if (checked === undefined) throw new Error('no run');
    expect(errors(checked.run).filter((e) => says.test(e))).toHaveLength(1);
    expect(checked.run.outputs.verdict).toBe('error');
    expect(existsSync(checked.reportFile)).toBe(false);
    expect(existsSync(checked.markdownFile)).toBe(false);
    expectConsistent(checked);
  });

  test('outputs that cannot be set after the report was written: the report is rewritten with verdict error', async () => {
    const r = await custom.get('GITHUB_OUTPUT');
    if (r === undefined || r.report === null) throw new Error('no report');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.report) as { verdict: string; warnings: string[] };
    expect(report.verdict).toBe('error');
    expect(report.warnings.at(-1)).toMatch(/^tailgate failed after this report was written: .*EISDIR/);
    expect(parseWorkflowCommands(r.stdout).filter((c) => c.command === 'error')).toHaveLength(1);
  });

  test('a job summary that cannot be written: no report file, and the outputs say error', async () => {
    const r = await custom.get('GITHUB_STEP_SUMMARY');
    if (r === undefined) throw new Error('no run');
    expect(r.code).toBe(1);
    expect(r.report).toBeNull();
    expect(parseGithubOutput(r.outputs).verdict).toBe('error');
  });
});
