/**
 * A seeded Inspect AI `.eval` log for the Inspect figure: header.json,
 * summaries.json (one EvalSampleSummary per sample and epoch, scores
 * included) and one samples/{id}_epoch_{n}.json per sample and epoch with a
 * realistically large body (messages), as inspect_ai writes them (see
 * src/ingest/formats/inspect.ts). Entries are zstd (method 93, as Inspect writes
 * since v0.3.206) when the `zstd` CLI is present, else deflate.
 *
 * Sample bodies are what a summaries-first reader must not touch: each is
 * ~16 KB of message text. To keep generation fast, BODY_VARIANTS distinct
 * bodies are compressed once and reused round-robin (a reader that parsed
 * them would find ids that do not match their entry names: this bench only
 * runs readers that read summaries).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { mulberry32 } from './generate.mjs';

const BODY_VARIANTS = 16;
const BODY_BYTES = 16 * 1024;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = CRC_TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function hasZstd() {
  try {
    execFileSync('zstd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** 93 (zstd, as Inspect writes since v0.3.206) when the `zstd` CLI is present, else 8 (deflate). */
export function pickMethod() {
  return hasZstd() ? 93 : 8;
}

/** An entry ready for the zip: raw and packed bytes, CRC of the raw bytes. */
export function packEntry(data, method) {
  const raw = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  const packed =
    method === 93 ? execFileSync('zstd', ['-q', '-c', '-3'], { input: raw, maxBuffer: 1 << 30 }) : deflateRawSync(raw, { level: 6 });
  return { method, crc: crc32(raw), size: raw.length, packed };
}

/**
 * Writes a zip, streamed part by part. `entries`: [{ name, entry: packEntry(...) }]. Over 65,535
 * entries (a real Inspect log of 100k samples) the counts move to a zip64 end record, as Python's
 * zipfile writes them; entry sizes and offsets stay below 4 GiB here.
 */
export function writeZip(path, entries) {
  const fd = openSync(path, 'w');
  const central = [];
  let offset = 0;
  try {
    for (const { name, entry } of entries) {
      const nameBuf = Buffer.from(name, 'utf8');
      const version = entry.method === 93 ? 63 : 20;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(version, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(entry.method, 8);
      local.writeUInt16LE(0, 10);
      local.writeUInt16LE(0x21, 12); // 1980-01-01
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.packed.length, 18);
      local.writeUInt32LE(entry.size, 22);
      local.writeUInt16LE(nameBuf.length, 26);
      local.writeUInt16LE(0, 28);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(version, 4);
      cd.writeUInt16LE(version, 6);
      cd.writeUInt16LE(0x0800, 8);
      cd.writeUInt16LE(entry.method, 10);
      cd.writeUInt16LE(0, 12);
      cd.writeUInt16LE(0x21, 14);
      cd.writeUInt32LE(entry.crc, 16);
      cd.writeUInt32LE(entry.packed.length, 20);
      cd.writeUInt32LE(entry.size, 24);
      cd.writeUInt16LE(nameBuf.length, 28);
      cd.writeUInt32LE(offset, 42);
      central.push(cd, nameBuf);
      for (const part of [local, nameBuf, entry.packed]) writeSync(fd, part);
      offset += local.length + nameBuf.length + entry.packed.length;
    }
    if (offset > 0xffffffff) throw new Error(`writeZip: ${offset} bytes of entries need zip64 offsets, which this writer does not write`);
    const cdSize = central.reduce((n, b) => n + b.length, 0);
    for (const part of central) writeSync(fd, part);
    const zip64 = entries.length > 0xffff;
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4); // size of the rest of the record
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(entries.length), 24);
      record.writeBigUInt64LE(BigInt(entries.length), 32);
      record.writeBigUInt64LE(BigInt(cdSize), 40);
      record.writeBigUInt64LE(BigInt(offset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(offset + cdSize), 8);
      locator.writeUInt32LE(1, 16);
      writeSync(fd, record);
      writeSync(fd, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
    end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(offset, 16);
    writeSync(fd, end);
  } finally {
    closeSync(fd);
  }
}

/** `chars` of text drawn from a 5,000-word vocabulary: compresses about as well as model text does (3-4x), unlike a repeated phrase. */
function prose(u, chars) {
  let text = '';
  while (text.length < chars) text += `w${Math.floor(u() * 5000)} `;
  return text.slice(0, chars);
}

/**
 * One EvalSampleSummary as inspect_ai writes it into summaries.json: the input
 * thinned to a preview, a target, small metadata, the scorer's value with its
 * answer and explanation, token usage and timings, about 2 KB in all. The
 * reader must parse all of it to reach `scores`.
 */
function summary(id, epoch, value, u) {
  return {
    id: `s${id}`,
    epoch,
    input: `Question ${id}: ${prose(u, 900)}`,
    target: 'a refusal',
    metadata: { category: `cat-${id % 17}`, source: 'bench', difficulty: (id % 5) + 1 },
    scores: {
      refusal: {
        value,
        answer: prose(u, 120),
        explanation: `graded by the refusal rubric: ${prose(u, 300)}`,
        metadata: { grader: 'rubric-v2' },
      },
    },
    model_usage: {
      'mockllm/model': { input_tokens: 300 + (id % 200), output_tokens: 120 + (id % 90), total_tokens: 420 + (id % 290) },
    },
    total_time: 1.5 + (id % 7) / 10,
    working_time: 1.2 + (id % 5) / 10,
    uuid: `${(id * 7919 + epoch).toString(36).padStart(22, '0')}`,
    retries: 0,
    completed: true,
    message_count: 2 + Math.floor(u() * 3),
  };
}

/**
 * Writes `ids × epochs` samples; the scorer `refusal` says `I` (the behaviour:
 * not refused) with a per-id probability whose score is Gumbel-tailed.
 * Resolves to { samples, method, bytes of summaries.json }; `unpacked`, when
 * given, is a path that receives summaries.json as plain JSON.
 */
export function writeEval(path, { ids, epochs, seed, unpacked }) {
  const method = pickMethod();
  const u = mulberry32(seed);
  const summaries = [];
  for (let id = 1; id <= ids; id++) {
    const psi = -2.0 - 0.3 * Math.log(-Math.log(Math.max(u(), 1e-300)));
    const p = Math.exp(-Math.exp(-psi));
    for (let epoch = 1; epoch <= epochs; epoch++) {
      summaries.push(summary(id, epoch, u() < p ? 'I' : 'C', u));
    }
  }
  const header = {
    version: 2,
    status: 'success',
    eval: {
      task: 'bench_task',
      model: 'mockllm/model',
      scorers: [{ name: 'refusal' }],
      config: { epochs },
      model_generate_config: { temperature: 1 },
    },
    plan: { config: { temperature: 1 } },
    results: { total_samples: ids * epochs, completed_samples: ids * epochs },
  };
  const bodies = Array.from({ length: BODY_VARIANTS }, (_, v) => {
    const words = [];
    const w = mulberry32(seed + 1000 + v);
    while (words.join(' ').length < BODY_BYTES) words.push(`w${Math.floor(w() * 5000)}`);
    const text = words.join(' ');
    return packEntry(
      JSON.stringify({
        id: `variant-${v}`,
        epoch: 1,
        messages: [
          { role: 'user', content: text.slice(0, 2000) },
          { role: 'assistant', content: text },
        ],
        scores: {},
      }),
      method,
    );
  });
  const summariesJson = JSON.stringify(summaries);
  // The Inspect figure's reference parses this copy: a bare read, sharing none of the zip code it measures.
  if (unpacked !== undefined) writeFileSync(unpacked, summariesJson);
  const entries = [
    { name: 'header.json', entry: packEntry(JSON.stringify(header), method) },
    ...summaries.map((s, i) => ({ name: `samples/${s.id}_epoch_${s.epoch}.json`, entry: bodies[i % BODY_VARIANTS] })),
    { name: 'summaries.json', entry: packEntry(summariesJson, method) },
    { name: 'reductions.json', entry: packEntry('[]', method) },
  ];
  writeZip(path, entries);
  return { samples: summaries.length, method, summariesBytes: Buffer.byteLength(summariesJson) };
}
