// Types for scripts/lib/inspect-log.mjs, so TypeScript tests can build Inspect logs with it (only what they use).

import type { ZipEntry } from './zip-writer.mjs';

/** One (sample, epoch) of a log: Inspect's EvalSample fields the builder fills in. */
export interface LogRow {
  id: string | number;
  epoch: number;
  input?: string;
  target?: string;
  completion?: string;
  /** Scorer name → Score; leave out for an errored sample, as Inspect does. */
  scores?: Record<string, { value: unknown; answer?: string; explanation?: string; history?: unknown[] }>;
  /** The error message of a sample that raised. */
  error?: string;
}

export interface EvalEntriesOptions {
  task: string;
  model: string;
  scorers: string[];
  epochs: number;
  rows: LogRow[];
  method: ZipEntry['method'];
  status?: string;
  temperature?: number;
  chunked?: boolean;
}

/** The entries of a finished `.eval`, in the order Inspect's recorder writes them (feed them to zip()). */
export function evalEntries(options: EvalEntriesOptions): ZipEntry[];
