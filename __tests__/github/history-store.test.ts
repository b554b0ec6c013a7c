import { afterEach, describe, expect, it } from '@jest/globals';
import { createClient } from '../../src/github/client.js';
import { appendHistory, contentsApi, readHistory } from '../../src/github/history-store.js';
import { parseHistory } from '../../src/decisions/history/record.js';
import type { HistoryRecord } from '../../src/domain/history.js';
import { startFakeContents, type FakeContents } from '../helpers/fake-contents-api.js';

let fake: FakeContents | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function api(f: FakeContents) {
  const octokit = createClient('ghs_fake', {
    baseUrl: f.url,
    throttling: false,
    retries: 0,
    retryAfterBaseValue: 1,
    log: () => {},
    debug: () => {},
  });
  return contentsApi(octokit, 'o', 'r');
}

const record = (commit: string, forecast: number): HistoryRecord => ({
  commit,
  date: '2026-11-20T12:00:00.000Z',
  deploymentVolume: 1e6,
  behaviors: [
    {
      name: 'harm',
      forecast,
      lower: forecast / 10,
      upper: forecast * 3,
      queries: 1000,
      samplesPerQuery: 5,
      queryIds: 'abcd',
      status: 'pass',
    },
  ],
});
const opts = (r: HistoryRecord) => ({ branch: 'tailgate-data', path: 'tailgate-history.json', from: 'main', record: r, keep: 200 });

describe('the history on a data branch, through the contents API', () => {
  it('creates the branch from the default branch, then the file, on the first push', async () => {
    fake = await startFakeContents();
    const result = await appendHistory(api(fake), opts(record('1111111', 1e-4)));
    expect(result).toEqual({ attempts: 1, createdBranch: true });
    expect(fake.branches.has('tailgate-data')).toBe(true);
    const file = fake.files.get('tailgate-data:tailgate-history.json');
    expect(parseHistory(file?.text ?? '', 'test').records.map((r) => r.commit)).toEqual(['1111111']);
    expect(fake.log).toEqual([
      'GET /repos/o/r/git/ref/heads/tailgate-data',
      'GET /repos/o/r/git/ref/heads/main',
      'POST /repos/o/r/git/refs',
      'GET /repos/o/r/contents/tailgate-history.json',
      'PUT /repos/o/r/contents/tailgate-history.json',
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('keeps both records when two pushes append at once: one write meets a 409, reads again and writes on top', async () => {
    fake = await startFakeContents({ branches: { main: 'a'.repeat(40), 'tailgate-data': 'b'.repeat(40) } });
    const client = api(fake);
    await appendHistory(client, opts(record('1111111', 1e-4)));
    fake.log.length = 0;
    fake.holdReads(2);
    // The next two reads are answered together, so both writers start from the same version.
    const [a, b] = await Promise.all([
      appendHistory(client, opts(record('2222222', 2e-4))),
      appendHistory(client, opts(record('3333333', 3e-4))),
    ]);
    expect([a.attempts, b.attempts].sort()).toEqual([1, 2]);
    const history = await readHistory(client, 'tailgate-data', 'tailgate-history.json');
    expect(history.records.map((r) => r.commit).sort()).toEqual(['1111111', '2222222', '3333333']);
    expect(fake.log.filter((l) => l.startsWith('PUT'))).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it('bounds the file to the last `keep` records and replaces a re-run of the same commit', async () => {
    fake = await startFakeContents({ branches: { main: 'a'.repeat(40), 'tailgate-data': 'b'.repeat(40) } });
    const client = api(fake);
    for (const c of ['1111111', '2222222', '3333333', '2222222']) await appendHistory(client, { ...opts(record(c, 1e-4)), keep: 2 });
    expect((await readHistory(client, 'tailgate-data', 'tailgate-history.json')).records.map((r) => r.commit)).toEqual([
      '3333333',
      '2222222',
    ]);
  });

  it('gives up after the attempts, naming the file and the record that was not kept', async () => {
    fake = await startFakeContents({ branches: { main: 'a'.repeat(40), 'tailgate-data': 'b'.repeat(40) } });
    const real = api(fake);
    // Another writer moves the file on between every read and write.
    let n = 0;
    const racing = {
      ...real,
      async write(path: string, branch: string, text: string, sha: string | null, message: string) {
        // Trailing spaces keep the JSON valid and make each of its versions new.
        await real.write(path, branch, `${text}${' '.repeat((n += 1))}`, sha, 'another run');
        return real.write(path, branch, text, sha, message);
      },
    };
    await expect(appendHistory(racing, { ...opts(record('4444444', 1e-4)), attempts: 2 })).rejects.toThrow(
      'history tailgate-data:tailgate-history.json: the file changed under every one of 2 writes; the record of 4444444 was not kept',
    );
  });

  it('reads an empty history when the branch does not exist yet', async () => {
    fake = await startFakeContents();
    expect(await readHistory(api(fake), 'tailgate-data', 'tailgate-history.json')).toEqual({ version: 1, records: [] });
    expect(fake.violations).toEqual([]);
  });
});
