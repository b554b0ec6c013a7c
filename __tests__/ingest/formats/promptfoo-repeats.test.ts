import type { MappingOptions } from '../../../src/domain/mapping.js';
import { promptfooJsonlReader } from '../../../src/ingest/formats/promptfoo.js';
import { bytesSource } from '../../helpers/bytes.js';
import { readWith, type Collected } from '../../helpers/collecting-sink.js';

// Rows as promptfoo writes them to results.jsonl (EvaluateResult). With
// `--repeat N` the evaluator loops repeatIndex outside the var combinations
// and counts testIdx up once per (repeat, vars), so 2 tests × 3 repeats get
// testIdx 0 … 5 with the same vars, prompt and provider per test.

type Row = Record<string, unknown>;

function row(testIdx: number, vars: Row, success: boolean, extra: Row = {}): Row {
  return {
    cost: 0,
    id: `r${testIdx}-${JSON.stringify(vars)}`,
    latencyMs: 5,
    namedScores: {},
    prompt: { raw: `Tell me about ${String(vars.topic)}`, label: 'p1' },
    promptId: 'abc123',
    promptIdx: 0,
    provider: { id: 'openai:gpt-4.1-mini', label: '' },
    response: { output: `out ${testIdx}` },
    score: success ? 1 : 0,
    success,
    testCase: { vars, assert: [{ type: 'javascript' }] },
    testIdx,
    vars,
    failureReason: success ? 0 : 1,
    gradingResult: { pass: success, score: success ? 1 : 0, reason: success ? 'ok' : 'Expected output to not contain "secret"' },
    ...extra,
  };
}

const file = (rows: Row[]) => bytesSource('results.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

async function read(rows: Row[], options: MappingOptions = {}): Promise<Collected> {
  return readWith(promptfooJsonlReader, file(rows), options, 'promptfoo');
}

const hk = (c: Collected): string[] => [...c.queries.values()].map((q) => `${q.hits}/${q.k}`).sort();

/** 2 tests × 3 repeats: testIdx = repeat × 2 + test. Test "a" fails on repeat 1, test "b" never. */
function repeated(): Row[] {
  const rows: Row[] = [];
  for (let r = 0; r < 3; r++) {
    rows.push(row(r * 2, { topic: 'a' }, r !== 1));
    rows.push(row(r * 2 + 1, { topic: 'b' }, true));
  }
  return rows;
}

describe('promptfoo --repeat N', () => {
  it('the N rows of one test are k = N samples of one query', async () => {
    const c = await read(repeated());
    expect(hk(c)).toEqual(['0/3', '1/3']);
  });

  it('group-by test-idx makes each testIdx its own query (k = 1 under --repeat)', async () => {
    const c = await read(repeated(), { groupBy: 'test-idx' });
    expect(c.queries.size).toBe(6);
    expect(hk(c)).toEqual(['0/1', '0/1', '0/1', '0/1', '0/1', '1/1']);
  });

  it('group-by test-idx separates tests that share vars and prompt (each run once)', async () => {
    const rows = [row(0, { topic: 'a' }, false), row(1, { topic: 'a' }, true)];
    expect(hk(await read(rows))).toEqual(['1/2']);
    expect(hk(await read(rows, { groupBy: 'test-idx' }))).toEqual(['0/1', '1/1']);
  });

  it('group-by test-idx on rows without testIdx names the line and the way out', async () => {
    const { testIdx: _, ...noIdx } = row(0, { topic: 'a' }, true);
    await expect(read([noIdx], { groupBy: 'test-idx' })).rejects.toThrow(
      /^results\.jsonl:1: group-by test-idx reads each row's testIdx, and this row has none .*remove group-by/,
    );
  });
});

describe('promptfoo rows whose assertion crashed', () => {
  const crash = 'Custom function threw error: Unexpected token \'#\', "# Evaluati"... is not valid JSON\nStack Trace: SyntaxError: …';

  it('a row whose only failing assertion crashed is excluded as assertion-error and counted as errored', async () => {
    const crashed = row(1, { topic: 'a' }, false, {
      error: crash,
      gradingResult: {
        pass: false,
        score: 0,
        reason: crash,
        componentResults: [
          { pass: true, score: 1, reason: 'Assertion passed' },
          { pass: false, score: 0, reason: crash },
        ],
      },
    });
    const c = await read([row(0, { topic: 'a' }, true), crashed, row(2, { topic: 'a' }, false)]);
    // the crashed row is neither hit nor miss: 1 hit of the 2 judged rows
    expect(hk(c)).toEqual(['1/2']);
    expect(Object.keys(c.errored)).toEqual(['promptfoo:assertion-error']);
    expect(c.errored['promptfoo:assertion-error'].samples).toBe(1);
  });

  it('without component results, the grading reason decides', async () => {
    const crashed = row(0, { topic: 'a' }, false, { gradingResult: { pass: false, score: 0, reason: crash } });
    const c = await read([crashed, row(1, { topic: 'a' }, true)]);
    expect(hk(c)).toEqual(['0/1']);
    expect(c.errored['promptfoo:assertion-error'].samples).toBe(1);
  });

  it('a real failing assertion beside the crash keeps the row a hit', async () => {
    const both = row(0, { topic: 'a' }, false, {
      gradingResult: {
        pass: false,
        score: 0,
        reason: crash,
        componentResults: [
          { pass: false, score: 0, reason: crash },
          { pass: false, score: 0, reason: 'Expected output to not contain "secret"' },
        ],
      },
    });
    const c = await read([both]);
    expect(hk(c)).toEqual(['1/1']);
    expect(c.errored).toEqual({});
  });

  it('a crash nested in an assert-set counts as the crash it is', async () => {
    const nested = row(0, { topic: 'a' }, false, {
      gradingResult: {
        pass: false,
        score: 0,
        reason: 'assert-set failed',
        componentResults: [
          { pass: false, score: 0, reason: 'assert-set failed', componentResults: [{ pass: false, score: 0, reason: crash }] },
        ],
      },
    });
    const c = await read([nested, row(1, { topic: 'a' }, true)]);
    expect(hk(c)).toEqual(['0/1']);
    expect(c.errored['promptfoo:assertion-error'].samples).toBe(1);
  });
});
