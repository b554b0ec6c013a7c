/** The policy file read under the workspace rule: missing files, links out, directories, size. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_POLICY_BYTES, policyFileReader, readPolicyText } from '../../src/sources/policy-file.js';
import { errorOf } from '../helpers/input-error.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/policy/${name}`, import.meta.url));

describe('readPolicyText', () => {
  it('reads the file as text', () => {
    expect(readPolicyText(fixture('valid.yml'))).toContain('harmful-advice:');
  });

  it('names the path of a missing file', () => {
    const missing = fixture('does-not-exist.yml');
    const message = errorOf(() => readPolicyText(missing, 'does-not-exist.yml'));
    expect(message).toContain('policy does-not-exist.yml: file not found');
    expect(message).toContain(missing);
  });

  it('refuses a policy that a link takes outside the workspace, naming the input and the link', () => {
    const ws = mkdtempSync(join(tmpdir(), 'tailgate-policy-ws-'));
    symlinkSync(fixture('valid.yml'), join(ws, 'tailgate.yml'));
    const message = errorOf(() => readPolicyText(join(ws, 'tailgate.yml'), 'tailgate.yml', ws));
    expect(message).toContain(
      `policy tailgate.yml: the file, but the link tailgate.yml -> ${fixture('valid.yml')} takes it outside ${realpathSync(ws)}`,
    );
  });

  it('refuses a directory and an oversized file', () => {
    expect(errorOf(() => readPolicyText(fixture(''), 'policy-dir'))).toContain('is a directory');
    const dir = mkdtempSync(join(tmpdir(), 'tailgate-policy-'));
    const big = join(dir, 'big.yml');
    writeFileSync(big, `# ${'x'.repeat(MAX_POLICY_BYTES)}\n`);
    expect(errorOf(() => readPolicyText(big, 'big.yml'))).toContain('more than 1048576');
  });
});

describe('policyFileReader', () => {
  it('resolves the input against the workspace and refuses a path outside it', () => {
    const ws = mkdtempSync(join(tmpdir(), 'tailgate-policy-ws-'));
    writeFileSync(join(ws, 'tailgate.yml'), 'defaults: {}\n');
    expect(policyFileReader(ws)('tailgate.yml')).toBe('defaults: {}\n');
    expect(errorOf(() => policyFileReader(ws)(fixture('valid.yml')))).toContain('outside the workspace');
  });
});
