/**
 * `tailgate history` and `tailgate forecast --history file` on local files.
 * Expected values: the records written here, formatted by hand.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { appendRecord, emptyHistory, historyText } from '../../src/decisions/history/record.js';
import type { HistoryRecord } from '../../src/domain/history.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailgate-cli-history-'));
  const record = (commit: string, forecast: number, n: number): HistoryRecord => ({
    commit,
    date: '2026-11-20T12:00:00.000Z',
    deploymentVolume: n,
    behaviors: [
      {
        name: 'harm',
        forecast,
        lower: forecast / 2,
        upper: forecast * 2,
        queries: 100,
        samplesPerQuery: null,
        queryIds: null,
        status: 'pass',
      },
    ],
  });
  const history = [record('a'.repeat(40), 0.001, 1e6), record('b'.repeat(40), 0.002, 1e6), record('c'.repeat(40), 0.5, 1e3)].reduce(
    (h, r) => appendRecord(h, r, 200),
    emptyHistory(),
  );
  writeFileSync(join(dir, 'h.json'), historyText(history));
  writeFileSync(join(dir, 'x.jsonl'), '{"query_id":"q1","behavior":"harm","prob":0.1}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: dir,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => ((stderr += text), true), isTTY: false },
  });
  return { code, stdout, stderr };
}

describe('tailgate history', () => {
  test('prints each behaviour per deployment volume, oldest first', async () => {
    const run = await cli(['history', '--file', 'h.json']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'harm at n = 1M',
      // The forecast is right-aligned in 8 columns.
      '  aaaaaaa  2026-11-20    0.0010  5.0e-4 – 0.0020',
      '  bbbbbbb  2026-11-20    0.0020  0.0010 – 0.0040',
      '',
      'harm at n = 1k',
      '  ccccccc  2026-11-20      0.50  0.25 – 1',
      '',
    ]);
  });

  test('--last keeps the newest records', async () => {
    const run = await cli(['history', '--file', 'h.json', '--last', '1']);
    expect(run.stdout).toContain('bbbbbbb');
    expect(run.stdout).not.toContain('aaaaaaa');
  });

  test('names a missing file and a bad --last', async () => {
    expect((await cli(['history', '--file', 'nope.json'])).stderr).toContain('tailgate history: nope.json not found');
    expect((await cli(['history', '--file', 'h.json', '--last', '0'])).stderr).toContain('--last "0"; use a whole number from 1 to 1000');
  });

  test('forecast refuses --history branch, naming the way out', async () => {
    const run = await cli(['forecast', 'x.jsonl', '--deployment-volume', '1M', '--history', 'branch']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--history branch reads the data branch through the GitHub API');
  });
});
