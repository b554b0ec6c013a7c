import { chooseReader } from '../../src/ingest/registry.js';
import { fixtureSource } from '../helpers/bytes.js';

/**
 * With every reader registered, `format: auto` must pick each format's own
 * reader for its fixtures: detectors are structural and must not claim each
 * other's files (promptfoo and HarmBench both write results.json; Inspect,
 * promptfoo and lm-eval all write JSON objects; garak, promptfoo and native
 * formats all write JSONL).
 */

test.each([
  ['inspect/zstd.eval', 'inspect'],
  ['inspect/deflate.eval', 'inspect'],
  ['inspect/log.json', 'inspect'],
  ['promptfoo/redteam-v3.json', 'promptfoo'],
  ['promptfoo/legacy-v2.json', 'promptfoo'],
  ['promptfoo/plain-v3-no-metadata.json', 'promptfoo'],
  ['promptfoo/redteam.jsonl', 'promptfoo-jsonl'],
  ['lmeval/samples_mmlu_abstract_algebra_2026-03-01T10-20-30.123456.jsonl', 'lm-eval'],
  ['lmeval/samples_boolq_2024-05-20T16-45-12.345678.json', 'lm-eval'],
  ['harmbench/results.json', 'harmbench'],
  ['garak/report.jsonl', 'garak'],
  ['garak/report-0.9.jsonl', 'garak'],
  ['native/groups.jsonl', 'native-jsonl'],
  ['native/groups.csv', 'native-csv'],
])('%s is read as %s', async (path, id) => {
  const reader = await chooseReader(fixtureSource(path, path), 'auto');
  expect(reader.id).toBe(id);
});
