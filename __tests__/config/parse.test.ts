import { describe, expect, it } from '@jest/globals';
import {
  checkProbability,
  parseBoolean,
  parseEnum,
  parseInteger,
  parseMultiline,
  parseNumber,
  parseProbability,
  parseVolume,
} from '../../src/config/parse.js';
import { errorOf } from '../helpers/input-error.js';

describe('parseVolume', () => {
  // Expected values are the decimal meaning of each literal, written out by hand.
  it.each([
    ['1000000', 1_000_000],
    ['1e6', 1_000_000],
    ['1E6', 1_000_000],
    ['1M', 1_000_000],
    ['250k', 250_000],
    ['250K', 250_000],
    ['2.5M', 2_500_000],
    ['2.50M', 2_500_000],
    ['1B', 1_000_000_000],
    ['1G', 1_000_000_000],
    ['3T', 3_000_000_000_000],
    ['1_000_000', 1_000_000],
    ['1,000,000', 1_000_000],
    ['1,000k', 1_000_000],
    // 1.1 × 1000 in binary floats is 1100.0000000000002; the parser shifts the decimal exponent instead.
    ['1.1k', 1100],
    ['4.35k', 4350],
    ['1.15M', 1_150_000],
    ['0.001M', 1000],
    ['  42  ', 42],
    ['1', 1],
    ['1e15', 1e15],
    ['1000T', 1e15],
  ])('%s → %d', (raw, expected) => {
    expect(parseVolume('deployment-volume', raw)).toBe(expected);
  });

  it.each([
    ['abc', 'use a whole number'],
    ['', 'use a whole number'],
    ['0', 'at least 1'],
    ['-5', 'at least 1'],
    ['1.5', 'not a whole number'],
    ['1.2345k', 'not a whole number'],
    ['1e-3', 'not a whole number'],
    ['1e16', 'at most'],
    ['1001T', 'at most'],
    ['1e999999', 'at most'],
    ['1m', 'lowercase "m" is ambiguous'],
    ['2.5mm', 'lowercase "m" is ambiguous'],
    ['1b', 'use a whole number'],
    ['1 M', 'use a whole number'],
    ['1,5M', 'use a whole number'], // a decimal comma is not a thousands group
    ['1,00,000', 'use a whole number'], // groups must be three digits
    ['1,000_000', 'use a whole number'], // one separator kind per number
    ['0x10', 'use a whole number'],
    ['Infinity', 'use a whole number'],
    ['NaN', 'use a whole number'],
  ])('rejects %j naming the input', (raw, problem) => {
    const message = errorOf(() => parseVolume('deployment-volume', raw));
    expect(message).toContain('`deployment-volume`');
    expect(message).toContain(problem);
  });
});

describe('parseProbability', () => {
  const open = { allowZero: false, allowOne: true };
  it.each([
    ['0.01', 0.01],
    ['.5', 0.5],
    ['1e-4', 0.0001],
    ['1E-4', 0.0001],
    ['1%', 0.01],
    ['0.5%', 0.005],
    ['0.5 %', 0.005],
    // 1.1 / 100 is 0.011000000000000001 in floats; as a decimal shift it is the double nearest 0.011.
    ['1.1%', 0.011],
    ['0.07%', 0.0007],
    ['100%', 1],
    ['1', 1],
  ])('%s → %d', (raw, expected) => {
    expect(parseProbability('fail-worst-query-risk', raw, open)).toBe(expected);
  });

  it.each([
    ['0', { allowZero: false, allowOne: true }, '(0, 1]'],
    ['0%', { allowZero: false, allowOne: true }, '(0, 1]'],
    ['1', { allowZero: false, allowOne: false }, '(0, 1)'],
    ['100%', { allowZero: false, allowOne: false }, '(0, 1)'],
    ['1.5', { allowZero: true, allowOne: true }, '[0, 1]'],
    ['150%', { allowZero: false, allowOne: true }, '(0, 1]'],
    ['-0.1', { allowZero: true, allowOne: true }, '[0, 1]'],
    ['one percent', { allowZero: false, allowOne: true }, '(0, 1]'],
    ['%', { allowZero: false, allowOne: true }, '(0, 1]'],
    ['1%%', { allowZero: false, allowOne: true }, '(0, 1]'],
  ])('rejects %j with %j, naming the input and the range', (raw, bounds, range) => {
    const message = errorOf(() => parseProbability('frequency-tau', raw, bounds));
    expect(message).toContain('`frequency-tau`');
    expect(message).toContain(`in ${range}`);
  });

  it('accepts the ends when allowed', () => {
    expect(parseProbability('x', '0', { allowZero: true, allowOne: true })).toBe(0);
    expect(parseProbability('x', '1', { allowZero: true, allowOne: true })).toBe(1);
  });

  it('checkProbability takes YAML scalars: numbers, strings, and names anything else', () => {
    expect(checkProbability(0.05, open)).toEqual({ ok: true, value: 0.05 });
    expect(checkProbability('5%', open)).toEqual({ ok: true, value: 0.05 });
    expect(checkProbability(2, open)).toMatchObject({ ok: false });
    expect(checkProbability(null, open)).toMatchObject({ ok: false, problem: expect.stringContaining('got nothing') });
    expect(checkProbability(true, open)).toMatchObject({ ok: false, problem: expect.stringContaining('got boolean') });
  });
});

describe('parseInteger', () => {
  it.each([
    ['10', 10],
    [' 7 ', 7],
    ['+3', 3],
    ['0', 0],
    ['-0', 0],
    ['4294967295', 4294967295],
  ])('%s → %d', (raw, expected) => {
    expect(parseInteger('seed', raw, 0, 4294967295)).toBe(expected);
  });

  it.each(['1e3', '1.0', '1_000', 'ten', '', '4294967296', '-1', '99999999999999999999'])('rejects %j naming the input', (raw) => {
    const message = errorOf(() => parseInteger('seed', raw, 0, 4294967295));
    expect(message).toContain('`seed`');
    expect(message).toContain('from 0 to 4294967295');
  });
});

describe('parseNumber', () => {
  it('accepts decimal and scientific forms inside the range', () => {
    expect(parseNumber('confidence', '0.9', 0, 1, { exclusive: true })).toBe(0.9);
    expect(parseNumber('confidence', '9e-1', 0, 1, { exclusive: true })).toBe(0.9);
    expect(parseNumber('x', '0', 0, 1, { exclusive: false })).toBe(0);
    expect(parseNumber('x', '1', 0, 1, { exclusive: false })).toBe(1);
  });

  it.each([
    ['0', '(0, 1)'],
    ['1', '(0, 1)'],
    ['90%', '(0, 1)'],
    ['high', '(0, 1)'],
    ['1e999', '(0, 1)'],
  ])('rejects %j (exclusive) naming the input', (raw, range) => {
    const message = errorOf(() => parseNumber('confidence', raw, 0, 1, { exclusive: true }));
    expect(message).toContain('`confidence`');
    expect(message).toContain(range);
  });

  it('names the closed range when not exclusive', () => {
    expect(errorOf(() => parseNumber('x', '2', 0, 1, { exclusive: false }))).toContain('[0, 1]');
  });
});

describe('parseEnum', () => {
  const modes = ['enforce', 'advisory'] as const;
  it('returns the allowed value, trimmed', () => {
    expect(parseEnum('mode', ' advisory ', modes)).toBe('advisory');
  });
  it.each(['Enforce', 'strict', ''])('rejects %j listing what is allowed', (raw) => {
    const message = errorOf(() => parseEnum('mode', raw, modes));
    expect(message).toContain('`mode`');
    expect(message).toContain('enforce, advisory');
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    [' FALSE ', false],
  ])('%s → %s', (raw, expected) => {
    expect(parseBoolean('summary', raw)).toBe(expected);
  });
  // @actions/core getBooleanInput throws on these too (YAML 1.2 core schema booleans only).
  it.each(['yes', 'no', 'on', '1', '0', ''])('rejects %j', (raw) => {
    const message = errorOf(() => parseBoolean('summary', raw));
    expect(message).toContain('`summary`');
    expect(message).toContain('true or false');
  });
});

describe('parseMultiline', () => {
  it('splits on any newline, trims, drops blank and # lines', () => {
    const raw = '  results/*.jsonl \r\n\n# a comment\n   # indented comment\nlogs/**/*.eval\r\n  \n!logs/skip.eval';
    expect(parseMultiline(raw)).toEqual(['results/*.jsonl', 'logs/**/*.eval', '!logs/skip.eval']);
  });
  it('returns an empty list for blank input', () => {
    expect(parseMultiline('\n  \n# only\n')).toEqual([]);
  });
});
