/**
 * History records: built from a report, appended with a bound on the file's
 * length, and read back from untrusted text with every size bounded
 * (docs/history.md).
 */
import { z } from 'zod';
import { InputError } from '../../domain/errors.js';
import { HISTORY_VERSION, type HistoryFile, type HistoryRecord } from '../../domain/history.js';
import type { Report } from '../../domain/report.js';

/** Records kept by default: the last 200 pushes, as benchmark-action keeps its data file bounded. */
export const DEFAULT_KEEP = 200;
/** Largest history file read: 200 records of 50 behaviours at about 300 bytes each, with room to spare. */
export const MAX_HISTORY_BYTES = 8 * 1024 * 1024;
/** Behaviours per record: the report's own bound on behaviours is far below this. */
const MAX_BEHAVIORS = 1000;
const MAX_RECORDS = 10_000;

const prob = z.number().min(0).max(1);
const behavior = z.object({
  name: z.string().max(200),
  forecast: prob.nullable(),
  lower: prob.nullable(),
  upper: prob.nullable(),
  queries: z.number().int().min(0),
  samplesPerQuery: z.number().min(0).nullable(),
  queryIds: z.string().max(64).nullable(),
  status: z.enum(['pass', 'warn', 'fail', 'inconclusive', 'insufficient', 'not-gated', 'errors']),
});
const record = z.object({
  commit: z.string().regex(/^[0-9a-f]{7,64}$/i),
  date: z.string().max(40),
  deploymentVolume: z.number().positive(),
  behaviors: z.array(behavior).max(MAX_BEHAVIORS),
});
const file = z.object({ version: z.literal(HISTORY_VERSION), records: z.array(record).max(MAX_RECORDS) });

export function emptyHistory(): HistoryFile {
  return { version: HISTORY_VERSION, records: [] };
}

/** The compact record of a report: per behaviour the worst-query forecast, interval, m, k and query-id hash, and the status. */
export function recordOf(report: Report, commit: string): HistoryRecord {
  return {
    commit,
    date: report.generatedAt,
    deploymentVolume: report.deploymentVolume,
    behaviors: report.behaviors.map((b) => ({
      name: b.name,
      forecast: b.worstQueryRisk.forecast,
      lower: b.worstQueryRisk.lower,
      upper: b.worstQueryRisk.upper,
      queries: b.queries,
      samplesPerQuery: b.fingerprint?.samplesPerQuery?.median ?? null,
      queryIds: b.fingerprint?.queryIds ?? null,
      status: b.status,
    })),
  };
}

/**
 * The file with `entry` appended, keeping the last `keep`. A record for a
 * commit already in the file replaces it (a re-run of the same push), so a
 * retry never doubles a point on the trend.
 */
export function appendRecord(history: HistoryFile, entry: HistoryRecord, keep: number): HistoryFile {
  const records = history.records.filter((r) => r.commit !== entry.commit);
  records.push(entry);
  return { version: HISTORY_VERSION, records: records.slice(Math.max(0, records.length - keep)) };
}

/** Reads a history file; `label` names it in errors (a path, or `tailgate-data:tailgate-history.json`). */
export function parseHistory(text: string, label: string): HistoryFile {
  if (text.length > MAX_HISTORY_BYTES) {
    throw new InputError(
      `History ${label}: ${text.length} characters, more than the ${MAX_HISTORY_BYTES} read; lower \`history-size\` or start a new file.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`History ${label} is not JSON; delete it (tailgate starts a new one) or restore it from the branch's log.`);
  }
  const parsed = file.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length === 0 ? 'the top level' : issue.path.join('.');
    throw new InputError(
      `History ${label}: ${where} is not what tailgate writes (version ${HISTORY_VERSION}); delete the file (tailgate starts a new one) or restore it from the branch's log.`,
    );
  }
  return parsed.data;
}

/** The file as written: one record per line, so a diff on the data branch shows the new record alone. */
export function historyText(history: HistoryFile): string {
  const lines = history.records.map((r) => `    ${JSON.stringify(r)}`);
  return `{\n  "version": ${history.version},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
