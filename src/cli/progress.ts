import type { FormatReader } from '../ingest/format.js';
import type { ObservationSink } from '../domain/observation.js';

/** A one-line status on stderr, redrawn in place. */
export interface Progress {
  /** Shows `text`, throttled to one redraw per {@link REDRAW_MS} unless `now` (a new phase: always shown). */
  update(text: string, now?: boolean): void;
  /** Clears the line; later updates are ignored. */
  done(): void;
}

/** Redraws faster than this only cost time: a terminal is read by a person. */
const REDRAW_MS = 100;

/** What {@link createProgress} writes to: stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

/**
 * A progress line on `stream`, only when it is a terminal: a redirected or
 * piped stderr (CI logs, `2> file`) must not fill with carriage returns, so
 * there this returns a no-op. No colours, and the text is cut to the
 * terminal width so a redraw never wraps onto a second line.
 */
export function createProgress(stream: ProgressStream, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = -Infinity;
  let shown = false;
  let finished = false;
  return {
    update(text, immediate = false) {
      if (finished) return;
      const t = now();
      if (!immediate && t - last < REDRAW_MS) return;
      last = t;
      // A pseudo-terminal without a size reports 0 columns: fall back to 80.
      const width = Math.max(20, (stream.columns || 80) - 1);
      // File names come from the user's disk: a control character (ESC above all) would reach the terminal.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
      // \r returns to column 0 and ESC[K clears what a longer previous line left behind.
      stream.write(`\r\u001b[K${clean.length > width ? `${clean.slice(0, width - 1)}…` : clean}`);
      shown = true;
    },
    done() {
      if (shown && !finished) stream.write('\r\u001b[K');
      finished = true;
    },
  };
}

/**
 * The readers, each wrapped so that every row it reports to the sink (used
 * or excluded) advances a counter shown on `progress`. One extra call per
 * row; the clock is read once per 4,096 rows, so a 1M-row file pays well
 * under a millisecond for it.
 */
export function withRowProgress(readers: FormatReader[], progress: Progress): FormatReader[] {
  let rows = 0;
  const started = Date.now();
  return readers.map((reader) => ({
    ...reader,
    read(file, options, sink) {
      const tick = (count: number): void => {
        const before = rows;
        rows += count;
        // Redraw when the count crosses a multiple of 4,096.
        if (rows >>> 12 !== before >>> 12)
          progress.update(`reading ${file.name}: ${rows.toLocaleString('en-US')} rows, ${seconds(started)}`);
      };
      progress.update(`reading ${file.name}…`, true);
      return reader.read(file, options, countingSink(sink, tick));
    },
  }));
}

function countingSink(inner: ObservationSink, tick: (rows: number) => void): ObservationSink {
  return {
    sampled(behavior, queryId, hits, samples, sampleId) {
      inner.sampled(behavior, queryId, hits, samples, sampleId);
      tick(1);
    },
    given(behavior, queryId, prob) {
      inner.given(behavior, queryId, prob);
      tick(1);
    },
    exclude(behavior, reason, count) {
      inner.exclude(behavior, reason, count);
      tick(count ?? 1);
    },
    errored(behavior, reason, queryId, count) {
      inner.errored(behavior, reason, queryId, count);
      tick(count ?? 1);
    },
    warn: (message) => inner.warn(message),
  };
}

/**
 * A heartbeat for work that reports nothing along the way: redraws
 * "`label`… 3.2 s" every half second. The timer is unref'd so it never keeps
 * the process alive; it only fires while the work awaits (file reads), not
 * during synchronous number crunching. Returns the function that stops it.
 */
export function heartbeat(progress: Progress, label: string): () => void {
  const started = Date.now();
  progress.update(`${label}…`, true);
  const timer = setInterval(() => progress.update(`${label}… ${seconds(started)}`), 500);
  timer.unref();
  return () => {
    clearInterval(timer);
    progress.done();
  };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
