/**
 * Bounds on behaviours and names: LIMITS.maxBehaviors behaviours per run,
 * LIMITS.maxBehaviorNameChars per behaviour name, LIMITS.maxQueryIdChars per
 * query id. Checked as rows arrive (a file naming 60,000 behaviours stops at
 * the first one past the bound), with a message that names the file and line
 * and quotes at most a short excerpt of the name.
 */
import { Accumulator } from '../../src/ingest/accumulator.js';
import type { FormatReader } from '../../src/ingest/format.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { LIMITS } from '../../src/domain/limits.js';
import { InputError } from '../../src/domain/errors.js';
import { bytesSource } from '../helpers/bytes.js';

async function failure(name: string, content: string, format = 'auto'): Promise<string> {
  try {
    await ingestFiles([bytesSource(name, content)], { format, mapping: {} });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err instanceof Error ? err.message : '';
  }
  throw new Error(`${name} was read without an error`);
}

describe('the accumulator refuses past each bound, and not before', () => {
  test(`${LIMITS.maxBehaviors} behaviours are read; the next is refused by name`, () => {
    const acc = new Accumulator();
    for (let i = 0; i < LIMITS.maxBehaviors; i++) acc.sampled(`b${i}`, 'q', 0, 1);
    expect(() => acc.exclude('one-more', 'error')).toThrow(
      `more than ${LIMITS.maxBehaviors} behaviours (the limit, LIMITS.maxBehaviors; the next was 'one-more')`,
    );
    // A behaviour already known still takes rows.
    acc.sampled('b0', 'q2', 1, 1);
    expect(acc.finish()).toHaveLength(LIMITS.maxBehaviors);
  });

  test('a behaviour name at the bound is read; one character more is refused', () => {
    const acc = new Accumulator();
    acc.sampled('b'.repeat(LIMITS.maxBehaviorNameChars), 'q', 0, 1);
    expect(() => acc.given('c'.repeat(LIMITS.maxBehaviorNameChars + 1), 'q', 0.5)).toThrow(
      `is longer than ${LIMITS.maxBehaviorNameChars} characters (the limit, LIMITS.maxBehaviorNameChars)`,
    );
  });

  test('a query id at the bound is read; one character more is refused', () => {
    const acc = new Accumulator();
    acc.sampled('b', 'q'.repeat(LIMITS.maxQueryIdChars), 0, 1);
    expect(() => acc.sampled('b', 'r'.repeat(LIMITS.maxQueryIdChars + 1), 0, 1)).toThrow(
      `is longer than ${LIMITS.maxQueryIdChars} characters (the limit, LIMITS.maxQueryIdChars)`,
    );
  });

  test('a 14 MB name is quoted as 80 characters and its length, never whole', () => {
    const name = 'n'.repeat(14 * 1024 * 1024);
    let message = '';
    try {
      new Accumulator().sampled(name, 'q', 0, 1);
    } catch (err) {
      message = err instanceof Error ? err.message : '';
    }
    expect(message).toContain(`'${'n'.repeat(79)}… (14680064 characters)'`);
    expect(message.length).toBeLessThan(400);
  });

  test('a warning is kept to 2,000 characters', () => {
    const acc = new Accumulator();
    acc.warn(`f.jsonl: ${'w'.repeat(1_000_000)}`);
    const [warning] = acc.warnings();
    expect(warning.length).toBeLessThan(2_100);
    expect(warning).toMatch(/… \(1000009 characters\)$/);
  });
});

describe('through the readers: the file and line of the first row past a bound', () => {
  test('a 3 MB file naming 60,000 behaviours stops at the first one past the bound', async () => {
    // One row per behaviour, so behaviour number 1,001 sits on line 1,001.
    const rows = Array.from({ length: 60_000 }, (_, i) => `{"behavior":"behaviour-${i}","query_id":"q${i}","label":${i % 2}}`);
    const text = `${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(3_000_000);
    expect(await failure('many.jsonl', text)).toBe(
      `many.jsonl:${LIMITS.maxBehaviors + 1}: more than ${LIMITS.maxBehaviors} behaviours (the limit, LIMITS.maxBehaviors; ` +
        `the next was 'behaviour-${LIMITS.maxBehaviors}'): a report cannot show that many; check the behavior column, ` +
        'or set the behavior input to pool the rows under one name',
    );
  });

  test('native CSV: a query id of 2,000 characters, by line', async () => {
    const id = 'x'.repeat(2000);
    expect(await failure('rows.csv', `query_id,label\nq1,0\n${id},1\n`)).toBe(
      `rows.csv:3: query id '${'x'.repeat(79)}… (2000 characters)' is longer than ${LIMITS.maxQueryIdChars} characters ` +
        '(the limit, LIMITS.maxQueryIdChars); give each query a short id, such as a hash of its prompt',
    );
  });

  test('garak: a probe name too long for a behaviour, on a row that is only excluded', async () => {
    const probe = `p.${'P'.repeat(300)}`;
    const text =
      '{"entry_type":"init","garak_version":"0.9"}\n' +
      `{"entry_type":"attempt","status":2,"probe_classname":"${probe}","prompt":"p","detector_results":{}}\n`;
    expect(await failure('report.jsonl', text)).toMatch(
      /^report\.jsonl:2: behaviour name 'p\.P{77}… \(302 characters\)' is longer than 256/,
    );
  });

  test('Inspect, whose reader hands rows over without a line: the file is still named', async () => {
    const task = 't'.repeat(300);
    const log =
      `{"version":2,"status":"success","eval":{"task":"${task}","model":"m","scorers":[{"name":"s"}]},` +
      '"samples":[{"id":1,"epoch":1,"scores":{"s":{"value":"C"}}}]}';
    expect(await failure('log.json', log, 'inspect')).toMatch(
      /^log\.json: behaviour name 't{79}… \(302 characters\)' is longer than 256 characters \(the limit, LIMITS\.maxBehaviorNameChars\)/,
    );
  });
});

test('a reader that fails for its own reasons still names the file and format (a bug, so not an InputError)', async () => {
  const broken: FormatReader = {
    id: 'broken',
    description: 'throws a TypeError',
    detect: () => true,
    read: () => Promise.reject(new TypeError('cannot read properties of undefined')),
  };
  const err: unknown = await ingestFiles([bytesSource('any.txt', 'x')], {
    format: 'broken',
    mapping: {},
    readers: [broken],
  }).catch((e: unknown) => e);
  expect(err).not.toBeInstanceOf(InputError);
  expect(err).toBeInstanceOf(Error);
  expect(err instanceof Error ? err.message : '').toBe('any.txt (read as broken): cannot read properties of undefined');
});

test('an errored row is held to the same query-id bound (its id is kept for the error budget)', () => {
  const acc = new Accumulator();
  acc.errored('b', 'error', 'q'.repeat(LIMITS.maxQueryIdChars), 1);
  expect(() => acc.errored('b', 'error', 'r'.repeat(LIMITS.maxQueryIdChars + 1), 1)).toThrow(
    `is longer than ${LIMITS.maxQueryIdChars} characters (the limit, LIMITS.maxQueryIdChars)`,
  );
});
