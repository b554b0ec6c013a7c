/**
 * Inspect AI log objects, field for field as inspect_ai writes them
 * (log/_log.py EvalLog, EvalSpec, EvalSample, EvalSampleSummary;
 * scorer/_metric.py Score), and the entries of a finished `.eval` zip in the
 * order log/_recorders/eval.py writes them. Shared by
 * scripts/make-inspect-fixtures.mjs (test fixtures) and
 * scripts/make-format-examples.mjs (examples/inspect/), so the examples
 * follow the same schema reading as the fixtures. Options that only the
 * examples use default to what the fixtures were built with, so the fixture
 * bytes do not move.
 */

// --------------------------------------------------------- JSON like Python

/** Python's json/pydantic write non-finite floats as bare constants (ser_json_inf_nan="constants"). */
export const NAN = '\u0000NaN';
export const INF = '\u0000Infinity';
export const NEG_INF = '\u0000-Infinity';
export function py(value, indent) {
  // pydantic's compact to_json has no spaces, like JSON.stringify; .json logs use indent=2.
  return JSON.stringify(value, null, indent).replace(/"\\u0000(NaN|-?Infinity)"/g, '$1');
}

// ------------------------------------------------------ Inspect log objects

export const CREATED = '2026-03-02T10:00:00+00:00';

export function evalSpec({ task, model, scorers, epochs, ids }) {
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

export const plan = (temperature = 1.0) => ({ name: 'plan', steps: [{ solver: 'generate', params: {} }], config: { temperature } });

export const usage = (model) => ({
  [model]: { input_tokens: 41, output_tokens: 3, total_tokens: 44, input_tokens_cache_read: 0, reasoning_tokens: 0 },
});

/** `metrics` (scorer → {accuracy, stderr}) gives real values; without it both carry `metricValue`. */
function results(scorers, total, metricValue = 0.5, metrics = undefined) {
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
        accuracy: { name: 'accuracy', value: metrics?.[name]?.accuracy ?? metricValue, params: {} },
        stderr: { name: 'stderr', value: metrics?.[name]?.stderr ?? metricValue, params: {} },
      },
    })),
  };
}

export function header({ spec, status = 'success', scorers, total, temperature, metricValue, metrics }) {
  return {
    version: 2,
    status,
    eval: spec,
    plan: plan(temperature),
    ...(scorers.length > 0 ? { results: results(scorers, total, metricValue, metrics) } : {}),
    stats: { started_at: CREATED, completed_at: '2026-03-02T10:03:12+00:00', model_usage: usage(spec.model) },
    invalidated: false,
  };
}

export const score = (value, answer) => ({
  value,
  ...(answer !== undefined ? { answer } : {}),
  explanation: `graded: ${answer ?? value}`,
  history: [],
});

/** An EvalSample (samples/{id}_epoch_{n}.json). */
export function sample(row, model) {
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
export function summary(row, model) {
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

/** `reduced(scorer, id)` gives the epoch-reduced value; without it every value is 0. */
function reductions(scorers, rows, reduced = () => 0) {
  return scorers.map((name) => ({
    scorer: name,
    reducer: 'mean',
    samples: [...new Set(rows.map((r) => r.id))].map((id) => ({ value: reduced(name, id), history: [], sample_id: id })),
  }));
}

/** The entries of a finished .eval, in the order Inspect's recorder writes them. */
export function evalEntries({
  task,
  model,
  scorers,
  epochs,
  rows,
  method,
  status,
  temperature,
  metricValue,
  metrics,
  reduced,
  chunked = false,
}) {
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
    ...(scorers.length > 0 ? [{ name: 'reductions.json', data: py(reductions(scorers, rows, reduced)) }] : []),
    { name: 'header.json', data: py(header({ spec, status, scorers, total: ids.length, temperature, metricValue, metrics })) },
  ].map((e) => ({ method, ...e }));
}
