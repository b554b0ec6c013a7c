/**
 * Reading a tailgate JSON report as a baseline: structural detection from the
 * first bytes, a bounded read, then strict validation against our schema.
 */
import { clip } from '../../ingest/excerpt.js';
import { InputError } from '../../domain/errors.js';
import type { ByteSource, OpenedBytes } from '../../domain/byte-source.js';
import { describeIssue, safeCheck } from '../../ingest/schema-issue.js';
import { asStoredReport, reportSchema, type StoredReport } from './report-schema.js';

/** A report holds one entry per behaviour (a few kB each); 100 MiB is tens of thousands of behaviours. */
export const MAX_REPORT_BYTES = 100 * 1024 * 1024;
const HEAD_BYTES = 256;
/** Issues listed in one message; the rest are counted. */
const MAX_ISSUES = 5;

/**
 * Whether the first bytes are those of a tailgate report. serializeReport
 * writes `schemaVersion` first, so a report opens with `{"schemaVersion":`
 * (whatever the indentation); no result format starts that way.
 */
export function looksLikeReport(head: string): boolean {
  return /^\uFEFF?\s*\{\s*"schemaVersion"\s*:/.test(head);
}

/** Reads the first bytes of a file, for {@link looksLikeReport}. */
export async function readHead(file: ByteSource): Promise<string> {
  const opened = await file.open();
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const bytesRead = await opened.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await opened.close();
  }
}

/** Size is checked before reading, so a huge file that merely starts like a report cannot exhaust memory. */
export async function readReportFile(file: ByteSource, maxBytes: number = MAX_REPORT_BYTES): Promise<StoredReport> {
  const cannot = (err: unknown): never => {
    if (err instanceof InputError) throw err;
    throw new InputError(
      `baseline ${file.name}: cannot read the file: ${err instanceof Error ? err.message : String(err)}; check that the file exists and the step can read it`,
    );
  };
  const opened = await file.open().catch(cannot);
  try {
    const { size } = opened;
    if (size > maxBytes) {
      throw new InputError(
        `baseline ${file.name}: the report is ${size} bytes, more than ${maxBytes}; check that \`baseline\` points at a tailgate report.`,
      );
    }
    return parseReport(await readToEnd(opened).catch(cannot), file.name);
  } finally {
    await opened.close();
  }
}

/** Everything from the start to the end of the bytes, as UTF-8 text. */
async function readToEnd(opened: OpenedBytes): Promise<string> {
  const chunks: Buffer[] = [];
  for (let at = 0; ;) {
    const chunk = Buffer.allocUnsafe(Math.max(opened.size - at, 64 * 1024));
    const bytesRead = await opened.read(chunk, 0, chunk.length, at);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    at += bytesRead;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses and validates report JSON text (pure). `label` names the file in messages. */
export function parseReport(text: string, label: string): StoredReport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(
      `baseline ${label}: not valid JSON (${err instanceof Error ? err.message : String(err)}); the baseline must be a report written by tailgate.`,
    );
  }
  const version: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, 'schemaVersion') : undefined;
  if (typeof version === 'number' && version !== 1) {
    throw new InputError(
      `baseline ${label}: report schemaVersion ${version}, but this tailgate reads schemaVersion 1; regenerate the baseline with this version, or give result files instead.`,
    );
  }
  const result = safeCheck(reportSchema, data);
  if (!result.success) {
    const issues = result.error.issues;
    const listed = issues.slice(0, MAX_ISSUES).map((i) => {
      const plain = describeIssue(i, data);
      return `${jsonPath(plain.path)}: ${plain.problem}`;
    });
    const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
    throw new InputError(`baseline ${label}: not a valid tailgate report (schemaVersion 1): ${listed.join('; ')}${more}.`);
  }
  const report = asStoredReport(result.data);
  const names = new Set<string>();
  for (const b of report.behaviors) {
    if (names.has(b.name))
      throw new InputError(
        `baseline ${label}: behaviour ${JSON.stringify(clip(b.name))} appears twice; a report lists each behaviour once.`,
      );
    names.add(b.name);
  }
  return report;
}

/** `behaviors[0].worstQueryRisk.forecast`, or `(top level)`. */
function jsonPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`)).join('');
}
