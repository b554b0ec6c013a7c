#!/usr/bin/env node
/**
 * `npm run demo`: runs the committed bundle (dist/index.js) on examples/pass
 * exactly as a GitHub runner would, then prints the Markdown report a pull
 * request would get, followed by one line with the verdict and the step
 * outputs. Needs no build: dist/ is committed.
 *
 * The run: deployment volume 1M, per-behaviour thresholds from
 * examples/pass/policy.yml, which makes pii-leak warn (forecast worst-query
 * risk 0.039 against a warn threshold of 0.01) and the others pass. The runner's
 * log (annotations, info line) goes to stderr, so stdout is the report plus
 * the closing line. The JSON report stays in a temporary directory whose path
 * the closing line gives.
 *
 * Exit code 0 when the bundle behaved as expected (exit 0, verdict `warn`,
 * both report files written), 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'dist', 'index.js');
const EXPECTED_VERDICT = 'warn';
const TIMEOUT_MS = 60_000;

/** The step's inputs, as a workflow's `with:` would give them (paths relative to the workspace). */
const INPUTS = {
  results: 'examples/pass/results.jsonl',
  'deployment-volume': '1M',
  policy: 'examples/pass/policy.yml',
};

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}

/** Parses GITHUB_OUTPUT: `name<<DELIM` EOL value EOL `DELIM` (what @actions/core writes), or `name=value`. */
function parseGithubOutput(text) {
  const lines = text.split(/\r?\n/);
  const out = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end === -1) fail(`GITHUB_OUTPUT: output '${name}' has no closing delimiter`);
      out[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const eq = line.indexOf('=');
      if (eq <= 0) fail(`GITHUB_OUTPUT: cannot parse ${JSON.stringify(line)}`);
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** Runs the bundle with an explicit env (nothing inherited but PATH and HOME), the runner's log going to stderr. */
function runBundle(env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dist/index.js did not finish within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal });
    });
  });
}

async function main() {
  if (!existsSync(BUNDLE)) fail(`${BUNDLE} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-demo-'));
  const outputFile = join(dir, 'github_output');
  const summaryFile = join(dir, 'step_summary');
  // @actions/core exits 1 when GITHUB_OUTPUT names a file that does not exist.
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_WORKSPACE: ROOT,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    // Absolute paths, so the reports land in the temporary directory, not in the checkout.
    'INPUT_REPORT-PATH': join(dir, 'tailgate-report.json'),
    'INPUT_MARKDOWN-PATH': join(dir, 'tailgate-report.md'),
  };
  for (const [name, value] of Object.entries(INPUTS)) env[`INPUT_${name.toUpperCase()}`] = value;

  console.error(`demo: node dist/index.js on ${INPUTS.results} (n = ${INPUTS['deployment-volume']}, policy ${INPUTS.policy})`);
  const { code, signal } = await runBundle(env);
  const outputs = parseGithubOutput(readFileSync(outputFile, 'utf8'));
  if (code !== 0) fail(`the bundle exited with ${code ?? signal} (verdict ${outputs.verdict ?? 'not set'}); its log is above`);
  if (outputs.verdict !== EXPECTED_VERDICT) fail(`expected verdict ${EXPECTED_VERDICT}, got ${outputs.verdict ?? 'none'}`);
  for (const key of ['report-path', 'markdown-path']) {
    if (!outputs[key] || !existsSync(outputs[key])) fail(`output ${key} does not name a written file (${outputs[key] ?? 'not set'})`);
  }

  process.stdout.write(readFileSync(outputs['markdown-path'], 'utf8'));
  const shown = ['verdict', 'worst-query-risk', 'breaches', 'report-path', 'markdown-path'].map((key) => `${key}=${outputs[key] ?? ''}`);
  process.stdout.write(`\n---\ntailgate demo: ${shown.join(' ')}\n`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
