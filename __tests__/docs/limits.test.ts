/**
 * The Limits table (docs/limits.md) states each bound in words and names the
 * constant that enforces it. This reads the table and checks every stated
 * value against the constant itself, so a changed bound cannot leave the docs
 * promising another.
 */
import { readFileSync } from 'node:fs';
import { MAX_ANNOTATIONS, SUMMARY_MAX_BYTES } from '../../src/action/sinks.js';
import { ARTIFACT_LIMITS } from '../../src/github/artifacts/download.js';
import { MAX_REPORT_BYTES } from '../../src/decisions/baseline/read-report.js';
import { MAX_VOLUME } from '../../src/config/parse.js';
import { MAX_POLICY_BYTES } from '../../src/sources/policy-file.js';
import { MAX_COMMENT_CHARS } from '../../src/github/publish.js';
import { MAX_WARNING_CHARS, MAX_WARNINGS } from '../../src/ingest/accumulator.js';
import { EXCERPT_CHARS } from '../../src/ingest/excerpt.js';
import { LIMITS } from '../../src/domain/limits.js';

const page = readFileSync(new URL('../../docs/limits.md', import.meta.url), 'utf8');

const CONSTANTS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [`LIMITS.${k}`, v])),
  'ARTIFACT_LIMITS.maxArtifacts': ARTIFACT_LIMITS.maxArtifacts,
  'ARTIFACT_LIMITS.maxListedBytes': ARTIFACT_LIMITS.maxListedBytes,
  MAX_POLICY_BYTES,
  MAX_REPORT_BYTES,
  MAX_VOLUME,
  MAX_COMMENT_CHARS,
  SUMMARY_MAX_BYTES,
  MAX_ANNOTATIONS,
  EXCERPT_CHARS,
  MAX_WARNINGS,
  MAX_WARNING_CHARS,
};

/** `16 MiB` → 16·2^20, `2 GiB`, `1e15`, `65536 characters` → the number. */
function valueOf(text: string): number {
  const match = /^([\d.e+]+)\s*(KiB|MiB|GiB)?\b/.exec(text.trim());
  if (match === null) throw new Error(`cannot read the value '${text}'`);
  const unit = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

/** The table's rows: bound, value, the memory it implies, constant (the last cell, so a new column cannot shift it). */
function rows(): { bound: string; value: string; memory: string; constant: string }[] {
  const block = /<!-- limits:start -->([\s\S]*?)<!-- limits:end -->/.exec(page)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Bound') && !line.startsWith('|---'))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const [bound = '', value = '', memory = ''] = cells;
      return { bound, value, memory: cells.length === 4 ? memory : '', constant: (cells.at(-1) ?? '').replace(/`/g, '') };
    });
}

describe('docs/limits.md', () => {
  test('the table is there and names every bound of LIMITS and every other constant checked here', () => {
    const named = rows().map((r) => r.constant);
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const key of Object.keys(LIMITS)) expect(named).toContain(`LIMITS.${key}`);
    for (const constant of Object.keys(CONSTANTS)) expect(named).toContain(constant);
  });

  test.each(rows())('$constant states the memory it implies', ({ memory }) => {
    // A sentence, not a placeholder: "None." is a statement too, but an empty cell or a dash is not.
    expect(memory).toMatch(/^[A-Z0-9].*\.$/);
  });

  test.each(rows())('$bound: $value is $constant', ({ value, constant }) => {
    expect(Object.keys(CONSTANTS)).toContain(constant);
    expect(valueOf(value)).toBe(CONSTANTS[constant]);
  });

  test('the value reader itself reads units (so a wrong unit in the table fails)', () => {
    expect(valueOf('16 MiB')).toBe(16 * 1024 * 1024);
    expect(valueOf('2 GiB')).toBe(2 * 1024 ** 3);
    expect(valueOf('1e15')).toBe(1e15);
    expect(valueOf('65536 characters')).toBe(65536);
    expect(valueOf('16 MiB')).not.toBe(16 * 1000 * 1000);
  });
});
