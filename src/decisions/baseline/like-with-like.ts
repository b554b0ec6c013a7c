/**
 * Did the baseline measure the same thing? Per behaviour on both sides, the
 * fingerprints are compared (decisions/fingerprint.ts) and what changed is
 * written on the comparison row; the baseline's age is set from its date.
 * `baseline-mismatch` decides what a difference does: a warning (default),
 * an error that ends the run, or nothing. `baseline-max-age` warns on an old
 * baseline (docs/recipes/baseline.md, "Like with like").
 */
import { InputError } from '../../domain/errors.js';
import type { Fingerprint, ReportBaseline } from '../../domain/report.js';
import type { Baseline } from '../../domain/baseline.js';
import type { OnMismatch } from '../../domain/rules.js';
import { fingerprintChanges } from '../fingerprint.js';

const DAY_MS = 86_400_000;

export interface LikeSettings {
  onMismatch: OnMismatch;
  maxAgeDays: number | null;
}

/** Fills `mismatch` on each row and `ageDays` on the section, in place; returns the run warnings. Throws with `baseline-mismatch: fail`. */
export function checkLikeWithLike(
  section: ReportBaseline,
  baseline: Baseline,
  current: ReadonlyMap<string, Fingerprint>,
  settings: LikeSettings,
  now: Date,
): string[] {
  const warnings: string[] = [];
  const written = section.generatedAt === null ? NaN : Date.parse(section.generatedAt);
  if (Number.isFinite(written)) {
    // Rounded to a tenth of a day; a clock skew that puts the baseline in the future reads as 0.
    section.ageDays = Math.max(0, Math.round(((now.getTime() - written) / DAY_MS) * 10) / 10);
    if (settings.maxAgeDays !== null && section.ageDays > settings.maxAgeDays) {
      warnings.push(
        `The baseline is ${section.ageDays} days old (written ${section.generatedAt?.slice(0, 10) ?? ''}), older than \`baseline-max-age\` (${settings.maxAgeDays} days): refresh it by re-running the base branch's eval.`,
      );
    }
  }
  if (settings.onMismatch === 'ignore') return warnings;
  const prints = new Map(baseline.behaviors.map((b) => [b.name, b.fingerprint]));
  const changed: string[] = [];
  for (const row of section.behaviors) {
    if (row.presence !== 'both') continue;
    const base = prints.get(row.name) ?? null;
    const now = current.get(row.name);
    if (base === null || now === undefined) continue;
    row.mismatch = fingerprintChanges(base, now);
    if (row.mismatch.length > 0) changed.push(`${row.name}: ${row.mismatch.join('; ')}`);
  }
  if (changed.length === 0) return warnings;
  const list = changed.slice(0, 5).join(' | ') + (changed.length > 5 ? ` | and ${changed.length - 5} more` : '');
  if (settings.onMismatch === 'fail') {
    throw new InputError(
      `The baseline measured something else (baseline-mismatch: fail): ${list}. Compare runs of the same eval and settings, or set \`baseline-mismatch: warn\` to compare anyway.`,
    );
  }
  warnings.push(
    `The baseline measured something else, so part of any change may come from that: ${list}. Set \`baseline-mismatch: fail\` to stop on this, or \`ignore\` to silence it.`,
  );
  return warnings;
}
