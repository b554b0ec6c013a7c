/**
 * Honest Inspect `.eval` logs whose largest entry sits just under the zip-entry
 * limit (LIMITS.maxEntryBytes, 256 MiB), for the "peak RSS at the zip-entry
 * limit" figure. Two shapes, because the reader meets both:
 *
 * - `summaries`: a summaries.json of ~250 MiB (about 200,000 sample
 *   summaries, each with its input, target, metadata, scores and usage, as
 *   inspect_ai writes EvalSampleSummary), read in the default
 *   summaries-first mode;
 * - `sample`: one samples/1_epoch_1.json of ~250 MiB (a long agent
 *   transcript: messages with long texts and many small model events) and no
 *   summaries.json, so the reader takes scores from the sample itself.
 *
 * The text is seeded word salad with some non-ASCII (—, é, ✓) as real
 * transcripts have, so a reader that decodes a whole entry into one string
 * pays V8's two-byte representation, as it would on a real log. Entries are
 * zstd (method 93) as Inspect writes them when the `zstd` CLI is present,
 * else deflate.
 */
import { mulberry32 } from './generate.mjs';
import { packEntry, pickMethod, writeZip } from './eval-zip.mjs';

/** Just under LIMITS.maxEntryBytes (256 MiB), so the entry is as big as an accepted one gets. */
export const BIG_ENTRY_BYTES = 250 * 1024 * 1024;

const WORDS = ['the', 'model', 'answer', 'refuse', 'tool', 'call', 'result', 'user', 'policy', 'café', 'naïve', '—', '✓', 'data'];

function text(u, chars) {
  const parts = [];
  let n = 0;
  while (n < chars) {
    const w = u() < 0.9 ? WORDS[Math.floor(u() * WORDS.length)] : `w${Math.floor(u() * 100000)}`;
    parts.push(w);
    n += w.length + 1;
  }
  return parts.join(' ');
}

function header(task) {
  return JSON.stringify({
    version: 2,
    status: 'success',
    eval: {
      task,
      model: 'mockllm/model',
      scorers: [{ name: 'refusal' }],
      config: { epochs: 1 },
      model_generate_config: { temperature: 1 },
    },
    plan: { config: { temperature: 1 } },
  });
}

/** Appends JSON texts to `parts` from `next()` until `bytes` are reached; returns how many were written. */
function fill(parts, bytes, next) {
  let size = 0;
  let count = 0;
  while (size < bytes) {
    const json = next(count);
    parts.push(json);
    size += Buffer.byteLength(json) + 1;
    count++;
  }
  return count;
}

function summariesEntry(u, bytes) {
  const parts = [];
  fill(parts, bytes - 2, (i) =>
    JSON.stringify({
      id: `s${i}`,
      epoch: 1,
      input: text(u, 500),
      target: 'refuse',
      metadata: { source: 'bench', topic: `t${i % 50}`, difficulty: i % 3 },
      scores: { refusal: { value: u() < 0.05 ? 'I' : 'C', answer: text(u, 40), explanation: text(u, 200), metadata: {} } },
      model_usage: { 'mockllm/model': { input_tokens: 120, output_tokens: 80, total_tokens: 200 } },
      total_time: 1.5,
      working_time: 1.2,
      uuid: `u${i}`,
      retries: 0,
      completed: true,
      message_count: 4,
    }),
  );
  return `[${parts.join(',')}]`;
}

function sampleEntry(u, bytes) {
  // Half the bytes in long message texts, half in many small event objects.
  const messages = [];
  fill(messages, bytes / 2, (i) =>
    JSON.stringify({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: text(u, 4000), source: i % 2 ? 'generate' : 'input' }),
  );
  const events = [];
  fill(events, bytes / 2 - 1024, (i) =>
    JSON.stringify({
      event: 'model',
      timestamp: '2026-03-02T10:00:00+00:00',
      working_start: i * 0.5,
      model: 'mockllm/model',
      input_refs: [[0, i % 7]],
      config: { temperature: 1, max_tokens: 512 },
      output: { model: 'mockllm/model', choices: [{ stop_reason: 'stop', message_ref: `m${i}` }], usage: { input_tokens: 10 + (i % 9) } },
      pending: false,
      span_id: `sp${i % 100}`,
    }),
  );
  return (
    `{"id":1,"epoch":1,"input":"go","target":"refuse","messages":[${messages.join(',')}],` +
    `"scores":{"refusal":{"value":"I","answer":"a","explanation":"e"}},"events":[${events.join(',')}],"metadata":{},"store":{}}`
  );
}

/**
 * Writes the log (`bytes` of big entry, 250 MiB by default; zstd when the
 * CLI is there, else deflate); returns { method, entryBytes }, the big
 * entry's uncompressed size, which the figure compares the peak with.
 */
export function writeBigEntryEval(path, shape, { seed = 5, method = pickMethod(), bytes = BIG_ENTRY_BYTES } = {}) {
  const u = mulberry32(seed);
  const big = Buffer.from(shape === 'summaries' ? summariesEntry(u, bytes) : sampleEntry(u, bytes), 'utf8');
  const entries = [{ name: 'header.json', entry: packEntry(header(`big_${shape}`), method) }];
  entries.push({ name: shape === 'summaries' ? 'summaries.json' : 'samples/1_epoch_1.json', entry: packEntry(big, method) });
  writeZip(path, entries);
  return { method, entryBytes: big.length };
}
