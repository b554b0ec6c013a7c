/**
 * Reference for the JSONL ingest figure: the least a Node program can do to
 * read the file, a bare `readline` + `JSON.parse` loop that keeps nothing.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

let rows = 0;
const lines = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of lines) {
  if (line === '') continue;
  JSON.parse(line);
  rows++;
}
process.stdout.write(`${rows}\n`);
