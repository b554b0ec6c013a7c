/**
 * References for the Inspect figure, with the same zip and zstd libraries the
 * reader bundles (yauzl, fzstd):
 *   node read-zip.mjs FILE summaries   reads and parses summaries.json alone
 *   node read-zip.mjs FILE all         inflates and parses every entry
 * The first is the least a summaries-first reader must do; the second is what
 * it would cost to touch the sample bodies.
 */
import { inflateRawSync } from 'node:zlib';
import { decompress } from 'fzstd';
import yauzl from 'yauzl';

const [file, mode] = process.argv.slice(2);
const zip = await new Promise((resolve, reject) =>
  yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))),
);
const entries = [];
await new Promise((resolve, reject) => {
  zip.on('entry', (e) => {
    entries.push(e);
    zip.readEntry();
  });
  zip.on('end', resolve);
  zip.on('error', reject);
  zip.readEntry();
});

/** Raw bytes of an entry (decodeFileData false: yauzl refuses method 93 otherwise), then decoded here. */
async function read(entry) {
  const stream = await new Promise((resolve, reject) =>
    zip.openReadStream(entry, { decodeFileData: false }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  const raw = Buffer.concat(chunks);
  if (entry.compressionMethod === 93) return Buffer.from(decompress(raw));
  if (entry.compressionMethod === 8) return inflateRawSync(raw);
  return raw;
}

let parsed = 0;
for (const entry of entries) {
  if (mode === 'summaries' && entry.fileName !== 'summaries.json') continue;
  JSON.parse((await read(entry)).toString('utf8'));
  parsed++;
}
zip.close();
process.stdout.write(`${parsed}\n`);
