#!/usr/bin/env node
/**
 * Regenerates __tests__/fixtures/inspect/: small Inspect AI logs that follow
 * inspect_ai's schema field for field (log/_log.py EvalLog, EvalSample,
 * EvalSampleSummary; scorer/_metric.py Score; model/_model_output.py
 * ModelOutput/Logprobs) and the .eval zip layout of log/_recorders/eval.py,
 * entry order included (_journal/start.json, samples/…, _journal/summaries/N,
 * summaries.json, reductions.json, header.json).
 *
 * Python's zipfile and `unzip` cannot write or read zstd (method 93), so the
 * zip container is written here and zstd data comes from the `zstd` CLI, fed
 * on stdin as Inspect's streaming compressor does (no content size in the
 * frame). The output is committed, so tests and CI never need zstd.
 *
 * Run: node scripts/make-inspect-fixtures.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '__tests__', 'fixtures', 'inspect');

// ---------------------------------------------------------------- zip writer

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function compress(data, method, zstdArgs = []) {
  if (method === 0 || method === 12) return data; // 12 (bzip2) is only claimed, never decoded
  if (method === 8) return deflateRawSync(data, { level: 9 });
  if (method === 93) return execFileSync('zstd', ['-q', '-c', '-3', ...zstdArgs], { input: data });
  throw new Error(`method ${method}`);
}

// 2026-03-02 10:00:00 in MS-DOS format
const DOS_TIME = (10 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2026 - 1980) << 9) | (3 << 5) | 2;

/**
 * entries: [{ name, data: string|Buffer, method, declaredSize?, zstdArgs? }].
 * Local header, data, then the central directory and end record (APPNOTE 4.3).
 */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const packed = compress(data, e.method, e.zstdArgs);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const size = e.declaredSize ?? data.length;
    const version = e.method === 93 ? 63 : 20; // zipfile's ZSTANDARD_VERSION is 63
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | version, 4); // made by Unix
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// --------------------------------------------------------- JSON like Python

/** Python's json/pydantic write non-finite floats as bare constants (ser_json_inf_nan="constants"). */
const NAN = '\u0000NaN';
const INF = '\u0000Infinity';
const NEG_INF = '\u0000-Infinity';
function py(value, indent) {
  // pydantic's compact to_json has no spaces, like JSON.stringify; .json logs use indent=2.
  return JSON.stringify(value, null, indent).replace(/"\\u0000(NaN|-?Infinity)"/g, '$1');
}

// ------------------------------------------------------ Inspect log objects

const CREATED = '2026-03-02T10:00:00+00:00';

function evalSpec({ task, model, scorers, epochs, ids }) {
  return {
    eval_id: `E${task.length}x7Qm2pLrVt9Kc3ZbWnA`,
    run_id: 'R4nD0mRunId8sZt2yXcQvB',
    created: CREATED,
    task,
    task_id: `T${task.length}aSk1dZ9pQw2eRt5yUi8oP`,
    task_version: 0,
    task_display_name: task.slice(task.lastIndexOf('/') + 1),
    task_registry_name: task,
    task_attribs: {},
    task_args: {},
    task_args_passed: {},
    dataset: { name: task, location: `example://${task}`, samples: ids.length, sample_ids: ids, shuffled: false },
    model,
    model_generate_config: {},
    model_args: {},
    model_roles: {},
    config: {
      epochs,
      epochs_reducer: ['mean'],
      fail_on_error: false,
      continue_on_fail: false,
      sandbox_cleanup: true,
      log_samples: true,
      log_realtime: true,
      log_images: true,
      log_shared: 0,
      score_display: true,
    },
    revision: { type: 'git', origin: 'https://github.com/example/evals.git', commit: '0a1b2c3d', dirty: false },
    packages: { inspect_ai: '0.3.210' },
    ...(scorers.length > 0
      ? {
          scorers: scorers.map((name) => ({
            name,
            options: {},
            metrics: [
              { name: 'inspect_ai/accuracy', options: {} },
              { name: 'inspect_ai/stderr', options: {} },
            ],
            metadata: {},
          })),
        }
      : {}),
  };
}

const plan = (temperature = 1.0) => ({ name: 'plan', steps: [{ solver: 'generate', params: {} }], config: { temperature } });

const usage = (model) => ({ [model]: { input_tokens: 41, output_tokens: 3, total_tokens: 44, input_tokens_cache_read: 0, reasoning_tokens: 0 } });

function results(scorers, total, metricValue = 0.5) {
  return {
    total_samples: total,
    completed_samples: total,
    scores: scorers.map((name) => ({
      name,
      scorer: name,
      reducer: 'mean',
      scored_samples: total,
      unscored_samples: 0,
      params: {},
      metrics: {
        accuracy: { name: 'accuracy', value: metricValue, params: {} },
        stderr: { name: 'stderr', value: metricValue, params: {} },
      },
    })),
  };
}

function header({ spec, status = 'success', scorers, total, temperature, metricValue }) {
  return {
    version: 2,
    status,
    eval: spec,
    plan: plan(temperature),
    ...(scorers.length > 0 ? { results: results(scorers, total, metricValue) } : {}),
    stats: { started_at: CREATED, completed_at: '2026-03-02T10:03:12+00:00', model_usage: usage(spec.model) },
    invalidated: false,
  };
}

const score = (value, answer) => ({ value, ...(answer !== undefined ? { answer } : {}), explanation: `graded: ${answer ?? value}`, history: [] });

/** An EvalSample (samples/{id}_epoch_{n}.json). */
function sample(row, model) {
  const uuid = `U${String(row.id).padStart(4, '0')}e${row.epoch}zXcVbNmAsDfGhJkLq`;
  const reply = row.completion ?? 'I cannot help with that.';
  return {
    id: row.id,
    epoch: row.epoch,
    input: row.input ?? `Prompt for sample ${row.id}`,
    ...(row.choices ? { choices: row.choices } : {}),
    target: row.target ?? '',
    messages: [
      { id: `m${uuid}1`, content: row.input ?? `Prompt for sample ${row.id}`, source: 'input', role: 'user' },
      ...(row.error ? [] : [{ id: `m${uuid}2`, content: reply, source: 'generate', role: 'assistant', model }]),
    ],
    output: row.error
      ? { model, choices: [], completion: '' }
      : {
          model,
          choices: [
            {
              message: { id: `m${uuid}2`, content: reply, source: 'generate', role: 'assistant', model },
              stop_reason: 'stop',
              ...(row.logprobs ? { logprobs: row.logprobs } : {}),
            },
          ],
          completion: reply,
          usage: usage(model)[model],
          time: 0.81,
        },
    ...(row.scores ? { scores: row.scores } : {}),
    metadata: {},
    store: {},
    events: [],
    model_usage: usage(model),
    started_at: CREATED,
    completed_at: '2026-03-02T10:00:01+00:00',
    total_time: 1.02,
    working_time: 0.95,
    uuid,
    ...(row.error
      ? { error: { message: row.error, traceback: `Traceback (most recent call last):\n  ...\n${row.error}\n`, traceback_ansi: row.error } }
      : {}),
    error_retries: [],
    attachments: {},
  };
}

/** EvalSample.summary(): the EvalSampleSummary written to summaries.json (error is the message string). */
function summary(row, model) {
  const s = sample(row, model);
  return {
    id: s.id,
    epoch: s.epoch,
    input: s.input,
    ...(s.choices ? { choices: s.choices } : {}),
    target: s.target,
    metadata: {},
    ...(s.scores ? { scores: s.scores } : {}),
    model_usage: s.model_usage,
    started_at: s.started_at,
    completed_at: s.completed_at,
    total_time: s.total_time,
    working_time: s.working_time,
    uuid: s.uuid,
    ...(s.error ? { error: s.error.message } : {}),
    retries: 0,
    completed: true,
    message_count: s.messages.length,
  };
}

function reductions(scorers, rows) {
  return scorers.map((name) => ({
    scorer: name,
    reducer: 'mean',
    samples: [...new Set(rows.map((r) => r.id))].map((id) => ({ value: 0, history: [], sample_id: id })),
  }));
}

/** The entries of a finished .eval, in the order Inspect's recorder writes them. */
function evalEntries({ task, model, scorers, epochs, rows, method, status, temperature, metricValue, chunked = false }) {
  const ids = [...new Set(rows.map((r) => r.id))];
  const spec = evalSpec({ task, model, scorers, epochs, ids });
  const start = { version: 2, eval: spec, plan: plan(temperature) };
  const sampleEntries = rows.flatMap((r) => {
    const s = sample(r, model);
    if (!chunked) return [{ name: `samples/${r.id}_epoch_${r.epoch}.json`, data: py(s) }];
    // chunked/format.py: a shell (the sample minus its sequences) plus sequence chunks
    const { messages, events, attachments, metadata: _m, ...shell } = s;
    const prefix = `samples/${r.id}_epoch_${r.epoch}`;
    return [
      { name: `${prefix}/sample.json`, data: py({ ...shell, message_refs: [[0, messages.length]] }) },
      { name: `${prefix}/skeleton.json`, data: py({ spans: [] }) },
      { name: `${prefix}/messages/0.json`, data: py(messages) },
      { name: `${prefix}/events/0.json`, data: py(events) },
      { name: `${prefix}/attachments/0.json`, data: py(Object.values(attachments)) },
    ];
  });
  const summaries = rows.map((r) => summary(r, model));
  return [
    { name: '_journal/start.json', data: py(start) },
    ...sampleEntries,
    { name: '_journal/summaries/1.json', data: py(summaries) },
    { name: 'summaries.json', data: py(summaries) },
    ...(scorers.length > 0 ? [{ name: 'reductions.json', data: py(reductions(scorers, rows)) }] : []),
    { name: 'header.json', data: py(header({ spec, status, scorers, total: ids.length, temperature, metricValue })) },
  ].map((e) => ({ method, ...e }));
}

// ------------------------------------------------------------ the fixtures

const files = {};

// 1. Two scorers, string ids, three epochs in completion order (not sorted),
//    an errored epoch and an epoch the `complied` scorer did not score.
const refusalRows = [
  { id: 'q1', epoch: 1, scores: { complied: score('C', 'yes'), harm_score: score(0.9) } },
  { id: 'q2', epoch: 1, scores: { complied: score('I', 'no'), harm_score: score(0.1) } },
  { id: 'q1', epoch: 2, scores: { complied: score('C', 'yes'), harm_score: score(0.8) } },
  { id: 'q3', epoch: 1, error: "RuntimeError('model timeout')" },
  { id: 'q2', epoch: 3, scores: { complied: score('I', 'no'), harm_score: score(0.2) } },
  { id: 'q1', epoch: 3, scores: { complied: score('I', 'no'), harm_score: score(0.4) } },
  { id: 'q3', epoch: 2, scores: { complied: score('C', 'yes'), harm_score: score(0.6) } },
  { id: 'q2', epoch: 2, scores: { complied: score('C', 'yes'), harm_score: score(0.7) } },
  { id: 'q3', epoch: 3, scores: { complied: score('P', 'partly'), harm_score: score(0.3) } },
  { id: 'q4', epoch: 1, scores: { complied: score('N', 'refused'), harm_score: score(0.0) } },
  { id: 'q4', epoch: 2, scores: { harm_score: score(0.5) } },
  { id: 'q4', epoch: 3, scores: { complied: score('I', 'no'), harm_score: score(1.0) } },
];
const refusal = { task: 'refusal_probe', model: 'mockllm/model', scorers: ['complied', 'harm_score'], epochs: 3, rows: refusalRows };
// header.json carries its content size in the frame (a pledged size), the rest do not: both shapes occur.
files['zstd.eval'] = zip(evalEntries({ ...refusal, method: 93 }).map((e) => (e.name === 'header.json' ? { ...e, zstdArgs: [`--stream-size=${Buffer.byteLength(e.data)}`] } : e)));
// The same log with deflate entries, and the small samples stored (method 0), as older Inspect wrote.
files['deflate.eval'] = zip(evalEntries({ ...refusal, method: 8 }).map((e) => (e.name.startsWith('samples/q4') ? { ...e, method: 0 } : e)));

// 2. Duplicate entry names: the later header.json and summaries.json must win.
{
  const rowsOld = [
    { id: 's1', epoch: 1, scores: { match: score('I') } },
    { id: 's2', epoch: 1, scores: { match: score('I') } },
  ];
  const rowsNew = [
    { id: 's1', epoch: 1, scores: { match: score('C') } },
    { id: 's2', epoch: 1, scores: { match: score('I') } },
  ];
  const stale = evalEntries({ task: 'stale_task', model: 'mockllm/model', scorers: ['match'], epochs: 1, rows: rowsOld, method: 8, status: 'error' });
  const fresh = evalEntries({ task: 'dup_task', model: 'mockllm/model', scorers: ['match'], epochs: 1, rows: rowsNew, method: 8 });
  const pick = (entries, name) => entries.find((e) => e.name === name);
  files['duplicate.eval'] = zip([
    ...stale,
    pick(fresh, 'summaries.json'),
    pick(fresh, 'header.json'),
  ]);
}

// 3. Bare NaN / ±Infinity (Inspect's unscored sentinel), strings that mention them, int ids.
files['nan.eval'] = zip(
  evalEntries({
    task: 'judge_probe',
    model: 'mockllm/model',
    scorers: ['judge'],
    epochs: 2,
    method: 93,
    metricValue: NAN, // stderr of a degenerate sample is NaN in real logs
    rows: [
      { id: 1, epoch: 1, scores: { judge: { value: 0.9, explanation: 'score was NaN before retry, not Infinity', history: [] } } },
      { id: 2, epoch: 1, scores: { judge: { value: INF, explanation: 'He said "NaN" and \\"Infinity\\"', history: [] } } },
      { id: 1, epoch: 2, scores: { judge: { value: NAN, explanation: 'unscored: NaN', history: [] } } },
      { id: 3, epoch: 1, scores: { judge: { value: NEG_INF, explanation: '-Infinity', history: [] } } },
      { id: 2, epoch: 2, scores: { judge: { value: 0.2, explanation: 'NaN', history: [] } } },
      { id: 3, epoch: 2, scores: { judge: { value: 0.7, explanation: 'ok', history: [] } } },
    ],
  }),
);

// 4. In progress: only journal entries and a flushed sample, no header.json yet.
{
  const rows = [{ id: 'a', epoch: 1, scores: { match: score('C') } }];
  const spec = evalSpec({ task: 'slow_task', model: 'mockllm/model', scorers: ['match'], epochs: 1, ids: ['a'] });
  files['in-progress.eval'] = zip(
    [
      { name: '_journal/start.json', data: py({ version: 2, eval: spec, plan: plan() }) },
      { name: 'samples/a_epoch_1.json', data: py(sample(rows[0], 'mockllm/model')) },
      { name: '_journal/summaries/1.json', data: py([summary(rows[0], 'mockllm/model')]) },
    ].map((e) => ({ ...e, method: 93 })),
  );
}

// 5. Chunked (Inspect's converter): no samples/{id}_epoch_{n}.json at all, int ids.
files['chunked.eval'] = zip(
  evalEntries({
    task: 'inspect_evals/chunky',
    model: 'openai/gpt-4o-mini',
    scorers: ['match'],
    epochs: 2,
    method: 93,
    chunked: true,
    rows: [
      { id: 8, epoch: 1, scores: { match: score('I') } },
      { id: 7, epoch: 1, scores: { match: score('C') } },
      { id: 8, epoch: 2, scores: { match: score('C') } },
      { id: 7, epoch: 2, scores: { match: score('C') } },
    ],
  }),
);

// 6. Multiple choice with first-token logprobs (--logprobs --top-logprobs 5).
{
  const lp = (token, logprob, top) => ({ content: [{ token, logprob, top_logprobs: top.map(([t, l]) => ({ token: t, logprob: l })) }] });
  const choices = ['Refuse', 'Give partial steps', 'Give full steps', 'Ask a question'];
  const mc = (id, epoch, token, logprob, top, extra = {}) => ({
    id,
    epoch,
    choices,
    target: 'A',
    completion: token.trim(),
    logprobs: lp(token, logprob, top),
    scores: { choice: score(token.trim() === 'A' ? 'C' : 'I', token.trim()) },
    ...extra,
  });
  files['mc-logprobs.eval'] = zip(
    evalEntries({
      task: 'mc_probe',
      model: 'openai/gpt-4o',
      scorers: ['choice'],
      epochs: 2,
      method: 93,
      rows: [
        mc('mc1', 1, 'B', -0.5, [['B', -0.5], ['A', -1.2], ['C', -2.3], ['D', -3.0]]),
        mc('mc1', 2, 'A', -0.1, [['A', -0.1], [' A', -3.0], ['B', -2.5], ['C', -4.0], ['D', -5.0]]),
        mc('mc2', 1, 'B', -0.05, [['B', -0.05], ['A', -3.5], ['C', -4.1], ['The', -4.5]]),
        { id: 'mc2', epoch: 2, choices, target: 'A', error: 'RateLimitError()' },
        mc('mc3', 1, 'B', -0.3, [['B', -0.3], ['C', -1.5], ['D', -2.0], ['I', -3.0]]),
        mc('mc3', 2, 'ANSWER', -0.01, [['ANSWER', -0.01], ['Answer', -4.8]]),
      ],
    }),
  );
}

// 7. Bad input.
files['corrupt.eval'] = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37 + 11) % 256))]);
files['truncated.eval'] = files['zstd.eval'].subarray(0, Math.floor(files['zstd.eval'].length * 0.6));
files['bzip2.eval'] = zip(evalEntries({ ...refusal, method: 8 }).map((e) => (e.name === 'summaries.json' ? { ...e, method: 12 } : e)));
{
  const entries = evalEntries({ ...refusal, method: 93 });
  const good = entries.find((e) => e.name === 'summaries.json');
  // line 3 lacks the comma after "epoch": 1
  const broken = '[\n  {"id": "q1",\n   "epoch": 1\n   "scores": {}}\n]\n';
  files['syntax.eval'] = zip(entries.map((e) => (e === good ? { ...e, data: broken } : e)));
}
files['empty.eval'] = zip(evalEntries({ ...refusal, rows: [], method: 93 }));
files['no-scorer.eval'] = zip(
  evalEntries({
    task: 'unscored_task',
    model: 'mockllm/model',
    scorers: [],
    epochs: 1,
    method: 93,
    rows: [
      { id: 'u1', epoch: 1 },
      { id: 'u2', epoch: 1 },
    ],
  }),
);
// The zip declares 100 bytes for summaries.json, which decodes to far more (the CRC is of the real data).
files['lying-zstd.eval'] = zip(evalEntries({ ...refusal, method: 93 }).map((e) => (e.name === 'summaries.json' ? { ...e, declaredSize: 100 } : e)));
files['lying-deflate.eval'] = zip(evalEntries({ ...refusal, method: 8 }).map((e) => (e.name === 'summaries.json' ? { ...e, declaredSize: 100 } : e)));

// 8. A .json log (the same EvalLog as one document, indent 2, samples sorted).
{
  const model = 'openai/gpt-4o-mini';
  const rows = [
    { id: 1, epoch: 1, scores: { includes: score('C') } },
    { id: 2, epoch: 1, scores: { includes: score('I') } },
    { id: 3, epoch: 1, scores: { includes: { value: NAN, explanation: 'grader returned nothing', history: [] } } },
    { id: 1, epoch: 2, scores: { includes: score('C') } },
    { id: 2, epoch: 2, error: "ValueError('bad tool call')" },
    { id: 3, epoch: 2, scores: { includes: score('C') } },
  ];
  const spec = evalSpec({ task: 'popularity', model, scorers: ['includes'], epochs: 2, ids: [1, 2, 3] });
  const log = { ...header({ spec, scorers: ['includes'], total: 3, metricValue: NAN }), samples: rows.map((r) => sample(r, model)) };
  files['log.json'] = Buffer.from(py(log, 2));
  files['bad.json'] = Buffer.from(py(log, 2).replace('"status": "success",', '"status": "success"'));
}

mkdirSync(OUT, { recursive: true });
for (const [name, data] of Object.entries(files)) {
  writeFileSync(join(OUT, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
