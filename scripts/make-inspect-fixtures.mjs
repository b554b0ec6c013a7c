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
 * zip container is written by scripts/lib/zip-writer.mjs and zstd data comes
 * from the `zstd` CLI, fed on stdin as Inspect's streaming compressor does (no
 * content size in the frame). The output is committed, so tests and CI never
 * need zstd.
 *
 * Run: node scripts/make-inspect-fixtures.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalEntries, evalSpec, header, INF, NAN, NEG_INF, plan, py, sample, score, summary } from './lib/inspect-log.mjs';
import { zip } from './lib/zip-writer.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '__tests__', 'fixtures', 'inspect');

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
files['zstd.eval'] = zip(
  evalEntries({ ...refusal, method: 93 }).map((e) =>
    e.name === 'header.json' ? { ...e, zstdArgs: [`--stream-size=${Buffer.byteLength(e.data)}`] } : e,
  ),
);
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
  const stale = evalEntries({
    task: 'stale_task',
    model: 'mockllm/model',
    scorers: ['match'],
    epochs: 1,
    rows: rowsOld,
    method: 8,
    status: 'error',
  });
  const fresh = evalEntries({ task: 'dup_task', model: 'mockllm/model', scorers: ['match'], epochs: 1, rows: rowsNew, method: 8 });
  const pick = (entries, name) => entries.find((e) => e.name === name);
  files['duplicate.eval'] = zip([...stale, pick(fresh, 'summaries.json'), pick(fresh, 'header.json')]);
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
        mc('mc1', 1, 'B', -0.5, [
          ['B', -0.5],
          ['A', -1.2],
          ['C', -2.3],
          ['D', -3.0],
        ]),
        mc('mc1', 2, 'A', -0.1, [
          ['A', -0.1],
          [' A', -3.0],
          ['B', -2.5],
          ['C', -4.0],
          ['D', -5.0],
        ]),
        mc('mc2', 1, 'B', -0.05, [
          ['B', -0.05],
          ['A', -3.5],
          ['C', -4.1],
          ['The', -4.5],
        ]),
        { id: 'mc2', epoch: 2, choices, target: 'A', error: 'RateLimitError()' },
        mc('mc3', 1, 'B', -0.3, [
          ['B', -0.3],
          ['C', -1.5],
          ['D', -2.0],
          ['I', -3.0],
        ]),
        mc('mc3', 2, 'ANSWER', -0.01, [
          ['ANSWER', -0.01],
          ['Answer', -4.8],
        ]),
      ],
    }),
  );
}

// 7. Bad input.
files['corrupt.eval'] = Buffer.concat([
  Buffer.from('PK\x03\x04', 'latin1'),
  Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37 + 11) % 256)),
]);
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
files['lying-zstd.eval'] = zip(
  evalEntries({ ...refusal, method: 93 }).map((e) => (e.name === 'summaries.json' ? { ...e, declaredSize: 100 } : e)),
);
files['lying-deflate.eval'] = zip(
  evalEntries({ ...refusal, method: 8 }).map((e) => (e.name === 'summaries.json' ? { ...e, declaredSize: 100 } : e)),
);

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
