/**
 * End-to-end, on the built bundle (dist/index.js): hostile and broken inputs
 * of each robustness class end in what a user can act on. For every class:
 * the exit code; the `::error::` or `::warning::` line naming the input, the
 * file and the line or entry (and the bound, where one was hit); and outputs
 * that match the report (an error writes no report and says `error`; a
 * warning reaches both the log and the report).
 *
 * Inputs are built here, in memory, at modest sizes: the largest is the
 * 3 MB file naming 60,000 behaviours. The 256 MiB zip entry lives in the
 * bench only (`npm run bench -- --only entry`).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { zip } from '../../scripts/lib/zip-writer.mjs';
import { removeRunDirs, runAction, type ActionRun } from '../helpers/run-action.js';
import { assertFreshBundles } from '../helpers/spawn.js';

beforeAll(assertFreshBundles);
afterAll(removeRunDirs);

const BASE = { 'deployment-volume': '1M', bootstrap: '0' };
const DEEP = 20_000;
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
/** zod's default English and the crash texts: none may reach the log. */
const NEVER = /Maximum call stack|tailgate failed|Invalid input|nonoptional|received undefined|Too small/;

/** The `setFailed` message: the last `::error` line. */
function failure(run: ActionRun): string {
  const last = run.errors.at(-1);
  if (last === undefined) throw new Error(`no ::error line (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return last.message;
}

/** Runs the action on `files`, expects the error outcome, and returns the failure message. */
async function expectError(files: Record<string, string | Buffer>, inputs: Record<string, string>): Promise<string> {
  const run = await runAction({ ...BASE, ...inputs }, { files });
  expect(run.code).toBe(1);
  // An error writes no report, and the outputs say so: no report-path, verdict error.
  expect(run.outputs.verdict).toBe('error');
  expect(run.outputs['report-path']).toBeUndefined();
  expect(existsSync(join(run.workspace, 'tailgate-report.json'))).toBe(false);
  expect(run.stdout + run.stderr).not.toMatch(NEVER);
  return failure(run);
}

const report = z.looseObject({
  verdict: z.string(),
  warnings: z.array(z.string()),
  behaviors: z.array(z.looseObject({ name: z.string() })),
});

function readReport(run: ActionRun): z.infer<typeof report> {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report-path output (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return report.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const limitNamed = (file: string, where: string) =>
  new RegExp(`^${file.replace(/\./g, '\\.')}${where}.*nests more than 100 levels deep \\(the limit, LIMITS\\.maxNestingDepth\\)`);

const promptfooRow = (vars: string) =>
  `{"cost":0,"description":null,"error":null,"gradingResult":{"pass":false},"id":"r1","latencyMs":1,"namedScores":{},` +
  `"promptIdx":0,"testIdx":0,"provider":"p","prompt":{"raw":"hi"},"testCase":{"vars":{"v":${vars}}},` +
  `"response":{"output":"o"},"success":false,"failureReason":1}`;

describe(`nesting ${DEEP} levels deep: a named error with file, line or entry, and the limit`, () => {
  test('promptfoo JSONL test vars', async () => {
    const message = await expectError({ 'evals/run.jsonl': `${promptfooRow(deepObject(DEEP))}\n` }, { results: 'evals/run.jsonl' });
    expect(message).toMatch(limitNamed('evals/run.jsonl', ':1: the query key'));
  });

  test('garak prompt', async () => {
    const text =
      '{"entry_type":"init","garak_version":"0.9"}\n' +
      `{"entry_type":"attempt","status":2,"uuid":"u","probe_classname":"dan.Dan","prompt":${deepObject(DEEP)},"detector_results":{"d":[1]}}\n`;
    expect(await expectError({ 'evals/report.jsonl': text }, { results: 'evals/report.jsonl' })).toMatch(
      limitNamed('evals/report.jsonl', ':2: prompt'),
    );
  });

  test('HarmBench test case', async () => {
    const text = `{"b1":[{"test_case":${deepArray(DEEP)},"generation":"g","label":1}]}`;
    expect(await expectError({ 'evals/harm.json': text }, { results: 'evals/harm.json', format: 'harmbench' })).toMatch(
      limitNamed('evals/harm.json', ': b1\\[0\\]: test_case'),
    );
  });

  test('a native query id: refused by kind, shown cut short', async () => {
    const message = await expectError(
      { 'evals/rows.jsonl': `{"query_id":${deepArray(DEEP)},"label":1}\n` },
      { results: 'evals/rows.jsonl' },
    );
    expect(message).toBe(`evals/rows.jsonl:1: 'query_id' must be a string or a number, got ${'['.repeat(59)}…`);
  });

  test('the policy file', async () => {
    const message = await expectError(
      { 'gate/policy.yml': `behaviors: ${deepArray(DEEP)}\n` },
      { results: 'examples/pass/results.jsonl', policy: 'gate/policy.yml' },
    );
    expect(message).toMatch(/^policy gate\/policy\.yml, line 1: nested more than 100 levels deep \(the limit, LIMITS\.maxNestingDepth\)/);
  });
});

describe('behaviours and names: bounded as rows arrive, names cut short in the log', () => {
  test('a 3 MB file naming 60,000 behaviours stops at line 1,001 with the bound named', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `{"behavior":"behaviour-${i}","query_id":"q${i}","label":${i % 2}}`);
    const message = await expectError({ 'evals/many.jsonl': `${rows.join('\n')}\n` }, { results: 'evals/many.jsonl' });
    expect(message).toMatch(
      /^evals\/many\.jsonl:1001: more than 1000 behaviours \(the limit, LIMITS\.maxBehaviors; the next was 'behaviour-1000'\)/,
    );
  });

  test('a 14 MB behaviour name is never echoed: 80 characters and its length', async () => {
    const name = 'n'.repeat(14 * 1024 * 1024);
    const run = await runAction(
      { ...BASE, results: 'evals/long.jsonl', format: 'native-jsonl' },
      { files: { 'evals/long.jsonl': `{"behavior":"${name}","query_id":"q","label":1}\n` } },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('error');
    expect(failure(run)).toMatch(/^evals\/long\.jsonl:1: behaviour name 'n{79}… \(14680064 characters\)' is longer than 256 characters/);
    expect(run.stdout.length + run.stderr.length).toBeLessThan(10_000);
  });
});

describe('schema failures in plain words, with file and row', () => {
  test('lm-eval: a row without target', async () => {
    const row = '{"doc_id":0,"doc":{},"arguments":[["c"," A"],["c"," B"]],"resps":[],"filtered_resps":[]}';
    const message = await expectError({ 'evals/samples_t_2024-06-01T12-30-45.jsonl': `${row}\n` }, { results: 'evals/*.jsonl' });
    expect(message).toBe('evals/samples_t_2024-06-01T12-30-45.jsonl:1: target: missing; expected an lm-eval --log_samples row');
  });

  test('promptfoo results.json: a row whose success is text', async () => {
    const row = promptfooRow('"x"').replace('"success":false', '"success":"no"');
    const message = await expectError(
      { 'evals/results.json': `{"evalId":"e","results":{"version":3,"results":[${row}]}}` },
      { results: 'evals/results.json' },
    );
    expect(message).toBe(
      'evals/results.json: results.results[0].success: expected true or false, found a string ("no"); expected a promptfoo EvaluateResult row',
    );
  });

  test('Inspect .eval: a summary whose epoch is missing, by entry and index', async () => {
    const log = zip([
      { name: 'header.json', data: '{"version":2,"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]}}', method: 8 },
      {
        name: 'summaries.json',
        data: '[{"id":1,"epoch":1,"scores":{"s":{"value":"C"}}},{"id":2,"scores":{"s":{"value":"I"}}}]',
        method: 8,
      },
    ]);
    const message = await expectError({ 'logs/run.eval': log }, { results: 'logs/run.eval' });
    expect(message).toBe(
      'logs/run.eval (summaries.json): [1].epoch: missing; expected a number; this does not look like a log written by inspect_ai',
    );
  });
});

describe('Inspect log format versions', () => {
  const samples = Array.from({ length: 40 }, (_, i) => `{"id":${i},"epoch":1,"scores":{"s":{"value":"${i % 4 === 0 ? 'C' : 'I'}"}}}`);

  test('version 3: read, with a ::warning:: naming the file, the version and the known versions, also in the report', async () => {
    const log = `{"version":3,"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]},"samples":[${samples.join(',')}]}`;
    const run = await runAction({ ...BASE, results: 'logs/run.json' }, { files: { 'logs/run.json': log } });
    const expected =
      'logs/run.json: Inspect log format version 3 (header "version"), not one of the versions this reader knows: 2; ' +
      'it was read by the fields tailgate knows, so check the counts in the report, and update tailgate to a release that reads this version';
    expect(run.warnings.map((w) => w.message)).toContain(expected);
    const written = readReport(run);
    expect(written.warnings).toContain(expected);
    expect(run.outputs.verdict).toBe(written.verdict);
    expect(written.behaviors.map((b) => b.name)).toEqual(['t:s']);
    expect(run.code).toBe(written.verdict === 'fail' || written.verdict === 'error' ? 1 : 0);
  });

  test('version 2: no version warning', async () => {
    const log = `{"version":2,"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]},"samples":[${samples.join(',')}]}`;
    const run = await runAction({ ...BASE, results: 'logs/run.json' }, { files: { 'logs/run.json': log } });
    expect(run.warnings.map((w) => w.message).filter((m) => m.includes('format version'))).toEqual([]);
    expect(readReport(run).warnings.filter((m) => m.includes('format version'))).toEqual([]);
  });
});

describe('zip entries are walked as bytes (the 256 MiB case is in the bench)', () => {
  test('an .eval whose summaries carry large fields tailgate skips: counts in the report as written', async () => {
    // 40 samples, one epoch each; value C (the default hit) on every 4th id, so 10 of 40 queries have a hit.
    const summaries = Array.from({ length: 40 }, (_, i) => ({
      id: i,
      epoch: 1,
      input: 'é—✓ '.repeat(2000),
      scores: { s: { value: i % 4 === 0 ? 'C' : 'I', explanation: 'x'.repeat(5000), metadata: { nested: [[[{ a: NaN }]]] } } },
      model_usage: { m: { input_tokens: 1 } },
    }));
    const log = zip([
      { name: 'header.json', data: '{"version":2,"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]}}', method: 8 },
      { name: 'samples/0_epoch_1.json', data: JSON.stringify({ id: 0, epoch: 1, messages: ['x'.repeat(100_000)] }), method: 0 },
      { name: 'summaries.json', data: JSON.stringify(summaries).replace(/null/g, 'NaN'), method: 8 },
    ]);
    const run = await runAction({ ...BASE, results: 'logs/run.eval' }, { files: { 'logs/run.eval': log } });
    const written = z
      .looseObject({
        verdict: z.string(),
        behaviors: z.array(z.looseObject({ name: z.string(), queries: z.number(), nonzero: z.number(), samples: z.number() })),
      })
      .parse(JSON.parse(readFileSync(run.outputs['report-path'] ?? '', 'utf8')));
    expect(written.behaviors).toEqual([expect.objectContaining({ name: 't:s', queries: 40, nonzero: 10, samples: 40 })]);
    expect(run.outputs.verdict).toBe(written.verdict);
    expect(run.stdout + run.stderr).not.toMatch(NEVER);
  });
});
