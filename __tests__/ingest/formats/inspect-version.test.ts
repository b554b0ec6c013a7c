/**
 * Inspect logs whose format version is not one the reader follows are read,
 * with a warning that names the version found and the versions known.
 * inspect_ai's LOG_SCHEMA_VERSION is 2 (since July 2024); version 1 logs kept
 * one `score` per sample.
 */
import { zip } from '../../../scripts/lib/zip-writer.mjs';
import { ingestFiles } from '../../../src/ingest/ingest.js';
import { bytesSource } from '../../helpers/bytes.js';

const header = (version: number) => `{"version":${version},"status":"success","eval":{"task":"t","model":"m","scorers":[{"name":"s"}]}`;
const samples = '[{"id":1,"epoch":1,"scores":{"s":{"value":"C"}}},{"id":2,"epoch":1,"scores":{"s":{"value":"I"}}}]';

async function warningsOf(name: string, content: string | Buffer): Promise<string[]> {
  const result = await ingestFiles([bytesSource(name, content)], { format: 'inspect', mapping: {} });
  // The rows are read either way: one hit (C) and one miss (I).
  expect(Array.from(result.samples[0].hits)).toEqual([1, 0]);
  return result.warnings;
}

test('version 2, the one the reader follows: no warning', async () => {
  expect(await warningsOf('v2.json', `${header(2)},"samples":${samples}}`)).toEqual([]);
});

test('a newer version (.json log): read, with a warning naming it and the known versions', async () => {
  expect(await warningsOf('v3.json', `${header(3)},"samples":${samples}}`)).toEqual([
    'v3.json: Inspect log format version 3 (header "version"), not one of the versions this reader knows: 2; ' +
      'it was read by the fields tailgate knows, so check the counts in the report, and update tailgate to a release that reads this version',
  ]);
});

test('an older version (.eval header): the warning says what such logs lack and how to convert them', async () => {
  const log = zip([
    { name: 'header.json', data: `${header(1)}}`, method: 8 },
    { name: 'summaries.json', data: samples, method: 8 },
  ]);
  expect(await warningsOf('v1.eval', log)).toEqual([
    'v1.eval: Inspect log format version 1 (header "version"), older than the versions this reader knows: 2; ' +
      'such logs keep one `score` per sample, which tailgate does not read: convert it with a current inspect_ai ' +
      '(`inspect log convert <log> --to eval --output-dir <dir>`)',
  ]);
});
