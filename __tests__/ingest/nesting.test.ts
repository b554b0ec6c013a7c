/**
 * Deeply nested JSON in every field a reader walks (a query key, a test case,
 * a prompt, a target, a score) ends in an InputError that names the file, the
 * line or entry, and the limit, never in a stack overflow. JSON.parse itself
 * reads 20,000 levels; what must not recurse is everything that walks the
 * parsed value afterwards (and the lenient NaN pass, whose reviver would).
 */
import { zip } from '../../scripts/lib/zip-writer.mjs';
import { parseReport } from '../../src/decisions/baseline/read-report.js';
import { parsePolicy } from '../../src/config/policy.js';
import { canonicalJson, NestingError } from '../../src/ingest/canonical.js';
import { InputError } from '../../src/domain/errors.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { parseLenientJson } from '../../src/ingest/lenient-json.js';
import { LIMITS } from '../../src/domain/limits.js';
import { errorOf } from '../helpers/input-error.js';
import { bytesSource } from '../helpers/bytes.js';

/** Far past any stack: V8's default stack overflows a recursive walk at about 10,000 frames. */
const DEEP = 20_000;
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const LIMIT_NAMED = new RegExp(`more than ${LIMITS.maxNestingDepth} levels deep \\(the limit, LIMITS\\.maxNestingDepth\\)`);

const file = bytesSource;

/** The message of the InputError that reading `name` with `format` ends in. */
async function failure(name: string, content: string | Buffer, format = 'auto', mapping = {}): Promise<string> {
  try {
    await ingestFiles([file(name, content)], { format, mapping });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err instanceof Error ? err.message : '';
  }
  throw new Error(`${name}: read without an error`);
}

const promptfooRow = (vars: string, output = '"o"') =>
  `{"cost":0,"description":null,"error":null,"gradingResult":{"pass":false},"id":"r1","latencyMs":1,"namedScores":{},` +
  `"promptIdx":0,"testIdx":0,"provider":"p","prompt":{"raw":"hi"},"testCase":{"vars":{"v":${vars}}},` +
  `"response":{"output":${output}},"success":false,"failureReason":1}`;

describe('canonicalJson and the lenient parser walk without recursion', () => {
  test('exactly the limit is read; one level more is a NestingError naming the field', () => {
    // A hand count: n nested arrays around 1 print as n '[' , '1', n ']'.
    expect(canonicalJson(JSON.parse(`${'['.repeat(LIMITS.maxNestingDepth)}1${']'.repeat(LIMITS.maxNestingDepth)}`))).toBe(
      `${'['.repeat(LIMITS.maxNestingDepth)}1${']'.repeat(LIMITS.maxNestingDepth)}`,
    );
    const over = JSON.parse(deepObject(LIMITS.maxNestingDepth + 1));
    expect(() => canonicalJson(over, 'vars')).toThrow(NestingError);
    expect(() => canonicalJson(over, 'vars')).toThrow(/^vars nests more than 100 levels deep/);
    expect(() => canonicalJson(JSON.parse(deepArray(DEEP)))).toThrow(NestingError);
  });

  test(`NaN next to a value nested ${DEEP} levels parses, and the NaN comes back as a number`, () => {
    const doc = parseLenientJson(`{"x":NaN,"d":${deepArray(DEEP)},"y":[-Infinity,"NaN"]}`, 'f.json');
    expect(doc).toMatchObject({ x: NaN, y: [-Infinity, 'NaN'] });
  });
});

describe(`a value nested ${DEEP} levels deep is a named error in every format`, () => {
  test('promptfoo JSONL: test vars, by line', async () => {
    expect(await failure('vars.jsonl', `${promptfooRow(deepObject(DEEP))}\n`)).toMatch(
      new RegExp(`^vars\\.jsonl:1: the query key \\(provider, prompt, test vars, strategy\\) nests ${LIMIT_NAMED.source}`),
    );
  });

  test('promptfoo results.json: the response output, by row', async () => {
    const doc = `{"evalId":"e","results":{"version":3,"results":[${promptfooRow('"x"')},${promptfooRow('"y"', deepArray(DEEP))}]},"config":{}}`;
    expect(await failure('results.json', doc)).toMatch(
      new RegExp(`^results\\.json: results\\.results\\[1\\]: response\\.output nests ${LIMIT_NAMED.source}`),
    );
  });

  test('garak: the prompt, by line', async () => {
    const attempt = (prompt: string) =>
      `{"entry_type":"attempt","status":2,"uuid":"u","probe_classname":"dan.Dan","prompt":${prompt},"detector_results":{"d":[1]}}`;
    const text = `{"entry_type":"init","garak_version":"0.9"}\n${attempt('"ok"')}\n${attempt(deepObject(DEEP))}\n`;
    expect(await failure('report.jsonl', text)).toMatch(new RegExp(`^report\\.jsonl:3: prompt nests ${LIMIT_NAMED.source}`));
  });

  test('HarmBench: the test case, by behaviour and index', async () => {
    const text = `{"b1":[{"test_case":"t","generation":"g","label":0},{"test_case":${deepArray(DEEP)},"generation":"g","label":1}]}`;
    expect(await failure('harm.json', text)).toMatch(new RegExp(`^harm\\.json: b1\\[1\\]: test_case nests ${LIMIT_NAMED.source}`));
  });

  test('lm-eval: a target nested deep is shown cut short, by line', async () => {
    const row = `{"doc_id":0,"doc":{},"target":${deepArray(DEEP)},"arguments":[["c"," A"],["c"," B"]],"resps":[[["-1","False"]],[["-2","False"]]],"filtered_resps":[["-1","False"],["-2","False"]],"filter":"none"}`;
    const message = await failure('samples_t_2024-06-01T12-30-45.jsonl', `${row}\n`);
    expect(message).toMatch(/^samples_t_2024-06-01T12-30-45\.jsonl:1: cannot resolve target \[{79}… to one of the 2 choices/);
  });

  test('native JSONL: a nested query_id is refused by kind, shown cut short', async () => {
    const message = await failure('rows.jsonl', `{"query_id":"q0","label":0}\n{"query_id":${deepArray(DEEP)},"label":1}\n`);
    expect(message).toBe(`rows.jsonl:2: 'query_id' must be a string or a number, got ${'['.repeat(59)}…`);
  });

  test('Inspect .json log: a nested score value next to a NaN, read as unmappable, not a crash', async () => {
    const log = (value: string) =>
      `{"version":2,"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]},"samples":[` +
      `{"id":1,"epoch":1,"scores":{"s":{"value":"C"}}},{"id":2,"epoch":1,"scores":{"s":{"value":NaN}}},` +
      `{"id":3,"epoch":1,"scores":{"s":{"value":{"k":${value}}}}}]}`;
    const result = await ingestFiles([file('log.json', log(deepArray(DEEP)))], { format: 'inspect', mapping: { scoreKey: 'k' } });
    // Sample 1 is a hit (C ≥ 1), 2 is NaN, 3's value under k is a list; counted by hand.
    expect(result.samples[0].exclusions).toEqual({ 'non-finite-score': 1, 'unmappable-score': 1 });
  });

  test('Inspect .eval: a nested sample id in summaries.json, by entry', async () => {
    const header = '{"version":2,"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]}}';
    const summaries = `[{"id":${deepArray(DEEP)},"epoch":1,"scores":{"s":{"value":"C"}}}]`;
    const eval_ = zip([
      { name: 'header.json', data: header, method: 8 },
      { name: 'summaries.json', data: summaries, method: 8 },
    ]);
    // 40 characters of preview: 39 '[' and the ellipsis.
    expect(await failure('log.eval', eval_, 'inspect')).toBe(
      `log.eval (summaries.json): [0].id: expected a string or a number, found an array (${'['.repeat(39)}…); ` +
        'this does not look like a log written by inspect_ai',
    );
  });
});

describe('the policy YAML and the baseline report, nested deep, are named errors too', () => {
  const tooDeep = new RegExp(`nested ${LIMIT_NAMED.source}`);

  test(`flow brackets ${DEEP} deep: the file and line`, () => {
    const text = `defaults:\n  fail-worst-query-risk: 0.1\nbehaviors: ${deepArray(DEEP)}\n`;
    const message = errorOf(() => parsePolicy(text, 'p.yml'));
    expect(message).toMatch(new RegExp(`^policy p\\.yml, line 3: ${tooDeep.source}`));
  });

  test('block indentation 1,300 deep: the line where level 101 starts', () => {
    // Line 1 `behaviors:` opens level 1; the mapping on line i + 1 (`k<i>:` indented i spaces) is level i + 1,
    // so level 101, the first past the limit, opens on line 101.
    const lines = ['behaviors:', ...Array.from({ length: 1300 }, (_, i) => `${' '.repeat(i + 1)}k${i + 1}:`)];
    expect(errorOf(() => parsePolicy(`${lines.join('\n')}\n`, 'p.yml'))).toMatch(
      new RegExp(`^policy p\\.yml, line 101: ${tooDeep.source}`),
    );
  });

  test('exactly the limit is still read (and then judged on its keys)', () => {
    const text = `behaviors: ${'['.repeat(LIMITS.maxNestingDepth - 1)}${']'.repeat(LIMITS.maxNestingDepth - 1)}\n`;
    expect(errorOf(() => parsePolicy(text, 'p.yml'))).toMatch(/^policy p\.yml, line 1: behaviors: this key must be a mapping/);
  });

  test('a baseline report with a deep array where behaviours belong', () => {
    const text = `{"schemaVersion":1,"behaviors":${deepArray(DEEP)}}`;
    expect(errorOf(() => parseReport(text, 'base.json'))).toMatch(/^baseline base\.json: not a valid tailgate report/);
  });
});
