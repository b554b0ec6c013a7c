/**
 * The history inputs (`history`, `history-branch`, `history-path`,
 * `history-size`, `history-window`) and the creep factors of the policy.
 */
import { describe, expect, it } from '@jest/globals';
import { readSettings } from '../../src/config/inputs.js';
import { parsePolicy } from '../../src/config/policy.js';
import { errorOf } from '../helpers/input-error.js';
import { rules } from '../helpers/rules.js';

const minimal = { results: 'results/*.jsonl', 'deployment-volume': '1M' };
function read(values: Record<string, string>) {
  const all: Record<string, string> = { ...minimal, ...values };
  return readSettings((name) => all[name] ?? '', { policyText: () => '' });
}

describe('history inputs', () => {
  it('are off by default', () => {
    expect(read({}).history).toBeNull();
  });

  it('default to the tailgate-data branch, tailgate-history.json, 200 records and K = 10', () => {
    expect(read({ history: 'branch' }).history).toEqual({
      store: 'branch',
      branch: 'tailgate-data',
      path: 'tailgate-history.json',
      size: 200,
      window: 10,
    });
    expect(read({ history: 'file', 'history-path': '.cache/h.json', 'history-size': '50', 'history-window': '3' }).history).toEqual({
      store: 'file',
      branch: 'tailgate-data',
      path: '.cache/h.json',
      size: 50,
      window: 3,
    });
  });

  it('refuse an unknown store, sizes out of range and unsafe branch names or data paths, naming the input', () => {
    expect(errorOf(() => read({ history: 'gh-pages' }))).toMatch(/^Input `history`: .*off, branch, file/);
    expect(errorOf(() => read({ history: 'branch', 'history-size': '0' }))).toMatch(/^Input `history-size`: .*1 to 10000/);
    expect(errorOf(() => read({ 'history-window': '1001' }))).toMatch(/^Input `history-window`: .*1 to 1000/);
    for (const branch of ['-x', 'a..b', 'a b', 'refs/heads/x/', 'x.lock', 'a:b']) {
      expect(errorOf(() => read({ history: 'branch', 'history-branch': branch }))).toMatch(/^Input `history-branch`/);
    }
    for (const path of ['../x.json', '/abs.json', 'a/./b.json', 'a//b.json', 'a b.json']) {
      expect(errorOf(() => read({ history: 'branch', 'history-path': path }))).toMatch(/^Input `history-path`/);
    }
  });

  it('accept nested data paths and branch names with slashes', () => {
    expect(read({ history: 'branch', 'history-branch': 'data/tailgate', 'history-path': 'evals/history.json' }).history).toMatchObject({
      branch: 'data/tailgate',
      path: 'evals/history.json',
    });
  });
});

describe('creep factors in the policy', () => {
  const policy = parsePolicy(
    ['defaults:', '  warn-creep: 2x', 'behaviors:', '  harmful-advice:', '    fail-creep: 4', '  "pii-*":', '    warn-creep: 3'].join('\n'),
    'policy.yml',
  );

  it('layer defaults, then the behaviour entry, field by field', () => {
    const book = rules({ policy });
    expect(book.rulesFor('harmful-advice').creep).toEqual({ warn: 2, fail: 4 });
    expect(book.rulesFor('pii-email').creep).toEqual({ warn: 3 });
    expect(book.rulesFor('other').creep).toEqual({ warn: 2 });
  });

  it('are off without a policy', () => {
    expect(rules().rulesFor('x').creep).toEqual({});
  });

  it('refuse a factor below 1, naming the file and key', () => {
    expect(errorOf(() => parsePolicy('defaults:\n  fail-creep: 0.5\n', 'policy.yml'))).toMatch(/policy\.yml.*fail-creep/);
  });
});
