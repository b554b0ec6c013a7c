/**
 * Schema failures in plain words: which field, what was expected, what was
 * found, in which file and row. Every expected message is written out by hand
 * from the input; none may carry zod's own English.
 */
import { z } from 'zod';
import { zip } from '../../scripts/lib/zip-writer.mjs';
import { parseReport } from '../../src/decisions/baseline/read-report.js';
import { InputError } from '../../src/domain/errors.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { describeIssue, describeValue, safeCheck } from '../../src/ingest/schema-issue.js';
import { errorOf } from '../helpers/input-error.js';
import { bytesSource } from '../helpers/bytes.js';

/** zod's default English: none of it may reach a user. */
const ZOD_WORDING =
  /Invalid (input|option)|nonoptional|received (undefined|string|number|object)|Too (small|big)|expected array|expected object/;

/** The plain problem for `value` against `schema`'s first issue. */
function problemOf(schema: z.ZodType, value: unknown): { path: PropertyKey[]; problem: string } {
  const result = safeCheck(schema, value);
  if (result.success) throw new Error('the value passed');
  return describeIssue(result.error.issues[0], value);
}

describe('describeIssue', () => {
  test.each([
    ['a missing required field', z.object({ target: z.unknown() }), {}, ['target'], 'missing'],
    ['a missing typed field', z.object({ epoch: z.number() }), {}, ['epoch'], 'missing; expected a number'],
    ['a wrong type', z.object({ success: z.boolean() }), { success: 'yes' }, ['success'], 'expected true or false, found a string ("yes")'],
    [
      'a union of kinds',
      z.object({ id: z.union([z.string(), z.number()]) }),
      { id: [1] },
      ['id'],
      'expected a string or a number, found an array ([1])',
    ],
    ['an integer', z.union([z.number().int(), z.string()]), 1.5, [], 'expected a whole number or a string, found the number 1.5'],
    ['literals', z.union([z.literal(0), z.literal(1), z.literal(2)]), 5, [], 'expected 0, 1 or 2, found the number 5'],
    ['an enum', z.enum(['a', 'b']), 'c', [], 'expected "a" or "b", found a string ("c")'],
    ['too few items', z.array(z.string()).min(2), ['x'], [], 'expected at least 2 items, found 1'],
    ['a number below its bound', z.number().positive(), 0, [], 'expected a number > 0, found the number 0'],
    ['an unknown key', z.strictObject({ a: z.number() }), { a: 1, b: 2 }, [], "unknown field 'b'"],
    [
      'NaN where a number or null belongs',
      z.array(z.union([z.number(), z.null()])),
      ['NaN'],
      [0],
      'expected a number or null, found a string ("NaN")',
    ],
  ])('%s', (_what, schema, value, path, problem) => {
    const plain = problemOf(schema, value);
    expect(plain).toEqual({ path, problem });
    expect(plain.problem).not.toMatch(ZOD_WORDING);
  });

  test('a union whose closest alternative failed inside the value names the field inside', () => {
    const provider = z.union([z.string(), z.object({ id: z.string() })]);
    expect(problemOf(z.object({ provider }), { provider: { label: 'x' } })).toEqual({
      path: ['provider', 'id'],
      problem: 'missing; expected a string',
    });
  });

  test("a schema's own message is kept as written", () => {
    expect(problemOf(z.array(z.string()).min(2, 'give at least two sources'), []).problem).toBe('give at least two sources');
    expect(
      problemOf(
        z.custom<number>((v) => v === 1, { message: 'expected the number one' }),
        2,
      ).problem,
    ).toBe('expected the number one');
  });

  test('issues from a plain safeParse are reworded too (zod English is recognised)', () => {
    const result = z.object({ epoch: z.number() }).safeParse({ epoch: 'x' });
    if (result.success) throw new Error('passed');
    expect(describeIssue(result.error.issues[0], { epoch: 'x' }).problem).toBe('expected a number, found a string ("x")');
  });

  test('describeValue keeps what it shows short', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(NaN)).toBe('NaN');
    // 40 characters in the parentheses: the opening quote, 38 letters and the ellipsis.
    expect(describeValue('y'.repeat(1000))).toBe(`a string ("${'y'.repeat(38)}…)`);
  });
});

describe('every reader words its schema failures plainly, with file and row', () => {
  async function failure(name: string, content: string | Buffer, format = 'auto'): Promise<string> {
    try {
      await ingestFiles([bytesSource(name, content)], { format, mapping: {} });
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      const message = err instanceof Error ? err.message : '';
      expect(message).not.toMatch(ZOD_WORDING);
      return message;
    }
    throw new Error(`${name} was read without an error`);
  }

  const pfRow = (extra: string) =>
    `{"cost":0,"description":null,"error":null,"gradingResult":{"pass":true},"id":"r","latencyMs":1,"namedScores":{},"promptIdx":0,"testIdx":0,"provider":"p","prompt":{"raw":"hi"},"response":{"output":"o"}${extra}}`;

  test('promptfoo JSONL: a row without success', async () => {
    expect(await failure('rows.jsonl', `${pfRow(',"success":true')}\n${pfRow('')}\n`, 'promptfoo-jsonl')).toBe(
      'rows.jsonl:2: success: missing; expected true or false; expected a promptfoo EvaluateResult row',
    );
  });

  test('promptfoo results.json: a failureReason out of range', async () => {
    const doc = `{"evalId":"e","results":{"version":3,"results":[${pfRow(',"success":false,"failureReason":5')}]}}`;
    expect(await failure('results.json', doc)).toBe(
      'results.json: results.results[0].failureReason: expected 0, 1 or 2, found the number 5; expected a promptfoo EvaluateResult row',
    );
  });

  test('lm-eval: a row without target, and a fractional doc_id', async () => {
    const row = (docId: string, target: string) =>
      `{"doc_id":${docId},"doc":{},${target}"arguments":[["c"," A"],["c"," B"]],"resps":[],"filtered_resps":[]}`;
    expect(await failure('samples_t_2024-06-01T12-30-45.jsonl', `${row('0', '')}\n`)).toBe(
      'samples_t_2024-06-01T12-30-45.jsonl:1: target: missing; expected an lm-eval --log_samples row',
    );
    expect(await failure('samples_u_2024-06-01T12-30-45.jsonl', `${row('1.5', '"target":0,')}\n`)).toBe(
      'samples_u_2024-06-01T12-30-45.jsonl:1: doc_id: expected a whole number or a string, found the number 1.5; ' +
        'expected an lm-eval --log_samples row',
    );
  });

  test('garak: a detector score that is text', async () => {
    const text =
      '{"entry_type":"init","garak_version":"0.9"}\n' +
      '{"entry_type":"attempt","status":2,"probe_classname":"dan.Dan","prompt":"p","detector_results":{"d":["x"]}}\n';
    expect(await failure('report.jsonl', text)).toBe(
      'report.jsonl:2: detector_results.d[0]: expected a number, NaN or null, found a string ("x"); ' +
        'expected a garak attempt entry (Attempt.as_dict)',
    );
  });

  test('HarmBench: a test case that is a number', async () => {
    expect(await failure('harm.json', '{"b1":[{"test_case":3,"generation":"g","label":1}]}', 'harmbench')).toBe(
      'harm.json: b1[0].test_case: expected a string or an array, found the number 3; ' +
        'expected {test_case, generation, label} as evaluate_completions.py writes',
    );
  });

  const header = (task: string) => `{"version":2,"status":"success","eval":{${task}"model":"m","scorers":[{"name":"s"}]}`;

  test('Inspect .json log: an epoch written as text', async () => {
    const log = `${header('"task":"t",')},"samples":[{"id":1,"epoch":"1","scores":{"s":{"value":"C"}}}]}`;
    expect(await failure('log.json', log, 'inspect')).toBe(
      'log.json: samples[0].epoch: expected a number, found a string ("1"); this does not look like a log written by inspect_ai',
    );
  });

  test('Inspect .eval: header.json without eval.task', async () => {
    const log = zip([
      { name: 'header.json', data: `${header('')}}`, method: 8 },
      { name: 'summaries.json', data: '[]', method: 8 },
    ]);
    expect(await failure('log.eval', log, 'inspect')).toBe(
      'log.eval (header.json): eval.task: missing; expected a string; this does not look like a log written by inspect_ai',
    );
  });

  test('a baseline report with a behaviour of the wrong shape', () => {
    const message = errorOf(() => parseReport('{"schemaVersion":1,"behaviors":[3]}', 'base.json'));
    expect(message).toMatch(/^baseline base\.json: not a valid tailgate report \(schemaVersion 1\): /);
    expect(message).not.toMatch(ZOD_WORDING);
  });
});
