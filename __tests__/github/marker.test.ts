import { describe, expect, test } from '@jest/globals';
import { oneLine } from '../../src/github/errors.js';
import { redact } from '../../src/report/redact.js';
import { commentMarker, defaultCommentKey, sanitizeKey } from '../../src/github/marker.js';
import { normalizeLogin, sameLogin } from '../../src/github/viewer.js';

describe('comment key and marker', () => {
  test('an HTML comment may not contain "--" nor be closed early by ">" (WHATWG HTML §13.1.6)', () => {
    const marker = commentMarker('a-->b--c');
    expect(marker).toBe('<!-- tailgate:a-b-c -->');
    // Exactly one "--" opening and one closing: nothing inside the key.
    expect(marker.slice(4, -3)).not.toContain('--');
    expect(marker.slice(4, -3)).not.toContain('>');
  });

  test('characters outside the charset are dropped; spaces collapse; matrix-style keys survive', () => {
    expect(sanitizeKey('evals / gate (ubuntu, 3.11)')).toBe('evals / gate (ubuntu, 3.11)');
    expect(sanitizeKey('  a\t\tb\nc  ')).toBe('a b c');
    expect(sanitizeKey('ünïcødé<script>')).toBe('ncdscript');
  });

  test('an empty or all-illegal key becomes "default"; long keys are cut to 100 characters', () => {
    expect(sanitizeKey('')).toBe('default');
    expect(sanitizeKey('<>!!')).toBe('default');
    expect(sanitizeKey('x'.repeat(300))).toHaveLength(100);
  });

  test('the closing " -->" ends the key, so one key is never a prefix match of another', () => {
    expect(`body ${commentMarker('ci/test2')}`.includes(commentMarker('ci/test'))).toBe(false);
  });

  test('the default key is workflow/job from the runner env', () => {
    expect(defaultCommentKey({ GITHUB_WORKFLOW: 'Model evals', GITHUB_JOB: 'gate' })).toBe('Model evals/gate');
    expect(defaultCommentKey({ GITHUB_WORKFLOW: '.github/workflows/x.yml', GITHUB_JOB: 'a--b' })).toBe('.github/workflows/x.yml/a-b');
    expect(defaultCommentKey({})).toBe('default');
  });
});

describe('logins across REST and GraphQL', () => {
  test('GraphQL "github-actions" and REST "github-actions[bot]" are the same account', () => {
    expect(sameLogin('github-actions', 'github-actions[bot]')).toBe(true);
    expect(sameLogin('Octocat', 'octocat')).toBe(true);
    expect(sameLogin('github-actions', 'octocat')).toBe(false);
    // Only a trailing suffix is stripped.
    expect(normalizeLogin('a[bot]b')).toBe('a[bot]b');
  });
});

describe('one-line error text', () => {
  test('an HTML error page is reduced to its title', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Unicorn!</h1></body></html>';
    expect(oneLine(page)).toBe('502 Bad Gateway');
  });

  test('an HTML page without a title loses its tags, scripts and line breaks', () => {
    expect(oneLine('<html><body><script>x()</script><p>Service\n  Unavailable</p></body></html>')).toBe('Service Unavailable');
  });

  test("GitHub's documentation link is dropped and long text is cut to 160 characters", () => {
    expect(oneLine('Not Found - https://docs.github.com/rest/issues/comments')).toBe('Not Found');
    const cut = oneLine('y'.repeat(500));
    expect(cut).toHaveLength(160);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('redact replaces every occurrence of the token', () => {
    expect(redact('token ghs_abc and ghs_abc again', ['ghs_abc'])).toBe('token *** and *** again');
    expect(redact('nothing', [''])).toBe('nothing');
  });
});
