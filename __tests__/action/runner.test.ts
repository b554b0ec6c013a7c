/**
 * src/action/runner.ts speaks the runner protocol that @actions/core speaks.
 * Each case calls both with the same arguments under the same environment and
 * compares what reached stdout and the runner's files byte for byte (the
 * outputs file's random delimiters aside). @actions/core is the reference
 * here, not a dependency of the product code.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as runner from '../../src/action/runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tailgate-runner-'));
const outputFile = join(dir, 'output');
const summaryFile = join(dir, 'summary');
const saved = { ...process.env };
let written: string[] = [];

beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  process.env = { ...saved, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

/** stdout and the two files after `call`, with the outputs file's delimiters replaced by a placeholder. */
function effects(call: () => void): { stdout: string; output: string; summary: string; exitCode: typeof process.exitCode } {
  written = [];
  writeFileSync(outputFile, '');
  process.exitCode = undefined;
  call();
  return {
    stdout: written.join(''),
    output: readFileSync(outputFile, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER'),
    summary: readFileSync(summaryFile, 'utf8'),
    exitCode: process.exitCode,
  };
}

const HOSTILE = 'line one\nline two\r\n100% done: a, b ::warning::x';
const PROPERTIES = { title: 'a:b,c\nd 50%', file: 'evals/x,y.jsonl', startLine: 3, endLine: 4, startColumn: 1, endColumn: 9 };

describe('runner protocol: the same bytes as @actions/core', () => {
  it.each([
    ['info', () => core.info(HOSTILE), () => runner.info(HOSTILE)],
    ['debug', () => core.debug(HOSTILE), () => runner.debug(HOSTILE)],
    ['notice without properties', () => core.notice(HOSTILE), () => runner.notice(HOSTILE)],
    ['warning with every property', () => core.warning(HOSTILE, PROPERTIES), () => runner.warning(HOSTILE, PROPERTIES)],
    ['error with a title only', () => core.error(HOSTILE, { title: 'x: y' }), () => runner.error(HOSTILE, { title: 'x: y' })],
    ['warning with an empty title', () => core.warning('m', { title: '' }), () => runner.warning('m', { title: '' })],
    ['setSecret', () => core.setSecret('s3cr:et%\nvalue'), () => runner.setSecret('s3cr:et%\nvalue')],
    ['setFailed', () => core.setFailed(HOSTILE), () => runner.setFailed(HOSTILE)],
    ['setOutput, one line', () => core.setOutput('verdict', 'pass'), () => runner.setOutput('verdict', 'pass')],
    ['setOutput, several lines', () => core.setOutput('breaches', HOSTILE), () => runner.setOutput('breaches', HOSTILE)],
    ['setOutput, empty', () => core.setOutput('best-source', ''), () => runner.setOutput('best-source', '')],
  ])('%s', (_name, reference, ours) => {
    const expected = effects(reference);
    expect(effects(ours)).toEqual(expected);
  });

  it('setOutput outside a runner falls back to the set-output command, as @actions/core does', () => {
    delete process.env.GITHUB_OUTPUT;
    const expected = effects(() => core.setOutput('verdict', HOSTILE));
    expect(expected.stdout).toContain('::set-output name=verdict::');
    expect(effects(() => runner.setOutput('verdict', HOSTILE))).toEqual(expected);
  });

  it('setFailed sets exit code 1', () => {
    expect(effects(() => runner.setFailed('x')).exitCode).toBe(1);
  });

  it('appendSummary appends the Markdown and a line break, as summary.addRaw(text, true).write() does', async () => {
    writeFileSync(summaryFile, 'earlier step\n');
    await core.summary.addRaw('## tailgate\n| a | b |', true).write();
    const expected = readFileSync(summaryFile, 'utf8');
    writeFileSync(summaryFile, 'earlier step\n');
    await runner.appendSummary('## tailgate\n| a | b |');
    expect(readFileSync(summaryFile, 'utf8')).toBe(expected);
  });

  it('appendSummary without GITHUB_STEP_SUMMARY writes nothing and does not fail', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(runner.appendSummary('x')).resolves.toBeUndefined();
    expect(readFileSync(summaryFile, 'utf8')).toBe('');
  });

  it('getInput reads INPUT_<NAME> with spaces as underscores, trimmed, as @actions/core does', () => {
    process.env['INPUT_DEPLOYMENT-VOLUME'] = '  1M \n';
    process.env.INPUT_MY_INPUT = '\tx y ';
    for (const name of ['deployment-volume', 'my input', 'Deployment-Volume', 'unset']) {
      expect(runner.getInput(name)).toBe(core.getInput(name));
    }
    expect(runner.getInput('deployment-volume')).toBe('1M');
  });
});

describe('runner protocol: refusals', () => {
  it('setOutput names GITHUB_OUTPUT when it points at a missing file', () => {
    process.env.GITHUB_OUTPUT = join(dir, 'missing', 'output');
    expect(() => runner.setOutput('verdict', 'pass')).toThrow(/GITHUB_OUTPUT names a missing file/);
  });

  it('appendSummary names GITHUB_STEP_SUMMARY when the file cannot be written', async () => {
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'missing', 'summary');
    await expect(runner.appendSummary('x')).rejects.toThrow(/cannot write the job summary to GITHUB_STEP_SUMMARY/);
  });
});
