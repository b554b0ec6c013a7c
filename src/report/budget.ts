/**
 * Fitting a rendered report into GitHub's size caps (docs/limits.md): a PR comment
 * may hold 65,536 characters, a job summary 1 MiB.
 *
 * The document is a list of {@link Part}s. Each part is balanced on its own
 * (a table, a `<details>` block, a code fence): `open` and `close` carry the
 * opening and closing markup and `rows` are whole lines or blocks in between.
 * Cutting happens only at row boundaries or by dropping a whole part, so the
 * result never ends inside a fence or an open `<details>`.
 *
 * Sizes: `maxChars` counts JavaScript characters (UTF-16 code units,
 * `string.length`), which is what GitHub's 65,536-character message refers to.
 * GitHub's server actually counts 262,144 UTF-8 bytes for a comment; a UTF-16
 * unit is at most 3 UTF-8 bytes, so 65,536 characters are always under it.
 * The job summary's cap is in bytes: pass `maxBytes` as well to enforce it.
 */

export interface Part {
  id: string;
  open: string;
  rows: string[];
  close: string;
  /** Text put after the kept rows when some were cut (receives how many were cut and how many kept). */
  omitted?: (count: number, kept: number) => string;
  /** Text put in place of the whole part when it is dropped (default: nothing). */
  dropped?: string;
}

/** One reduction, applied in order until the document fits. */
export interface Step {
  part: string;
  /** `trim`: cut rows from the end (keep the first ones, which the caller ordered by importance); `drop`: remove the part. */
  action: 'trim' | 'drop';
  /** For `trim`: never keep fewer rows than this in this step (a later step may cut further). */
  keepAtLeast?: number;
}

export interface Limit {
  maxChars: number;
  maxBytes?: number;
}

interface State {
  part: Part;
  keep: number;
  dropped: boolean;
  /** Prefix sums of row sizes: rowChars[i] = chars of rows[0..i). */
  rowChars: number[];
  rowBytes: number[];
}

/** Parts are separated by one blank line; each piece already ends with its own newline. */
const SEPARATOR = '\n';

/**
 * Render `parts` in order, applying `steps` one by one until the text fits.
 * `truncated` is true when any step changed the document. Throws when even
 * the parts no step may reduce exceed the limit (a limit far below any real cap).
 */
export function fitToBudget(parts: Part[], steps: Step[], limit: Limit): { body: string; truncated: boolean } {
  const states = parts.map(initState);
  const byId = new Map(states.map((s) => [s.part.id, s]));
  const fits = (): boolean => {
    const size = measure(states);
    return size.chars <= limit.maxChars && (limit.maxBytes === undefined || size.bytes <= limit.maxBytes);
  };
  let truncated = false;
  for (const step of steps) {
    if (fits()) break;
    const state = byId.get(step.part);
    if (state === undefined || state.dropped) continue;
    const floor = Math.min(step.keepAtLeast ?? 0, state.keep);
    if (step.action === 'trim' && state.keep === floor) continue;
    truncated = true;
    if (step.action === 'drop') {
      state.dropped = true;
    } else {
      trimToFit(state, floor, fits);
    }
  }
  if (!fits()) {
    const size = measure(states);
    throw new RangeError(
      `report needs ${size.chars} characters (${size.bytes} bytes) after every reduction, above the limit of ${limit.maxChars} characters${limit.maxBytes === undefined ? '' : ` / ${limit.maxBytes} bytes`}`,
    );
  }
  return {
    body: states
      .map(renderPart)
      .filter((t) => t !== '')
      .join(SEPARATOR),
    truncated,
  };
}

/** Largest `keep` ≥ floor that fits, found by bisection (size grows with `keep`). */
function trimToFit(state: State, floor: number, fits: () => boolean): void {
  let lo = floor;
  let hi = state.keep;
  state.keep = floor;
  if (!fits()) return; // even the floor is too much: a later step must help.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    state.keep = mid;
    if (fits()) lo = mid;
    else hi = mid - 1;
  }
  state.keep = lo;
}

function initState(part: Part): State {
  const rowChars = [0];
  const rowBytes = [0];
  for (const row of part.rows) {
    rowChars.push(rowChars[rowChars.length - 1] + row.length);
    rowBytes.push(rowBytes[rowBytes.length - 1] + Buffer.byteLength(row, 'utf8'));
  }
  return { part, keep: part.rows.length, dropped: false, rowChars, rowBytes };
}

/** The pieces of a part other than its kept rows, as currently reduced. */
function frame(state: State): string[] {
  const { part } = state;
  if (state.dropped) return [part.dropped ?? ''];
  const cut = part.rows.length - state.keep;
  return [part.open, cut > 0 && part.omitted ? part.omitted(cut, state.keep) : '', part.close];
}

function measure(states: State[]): { chars: number; bytes: number } {
  let chars = 0;
  let bytes = 0;
  let nonEmpty = 0;
  for (const state of states) {
    const pieces = frame(state);
    let partChars = pieces.reduce((sum, p) => sum + p.length, 0);
    let partBytes = pieces.reduce((sum, p) => sum + Buffer.byteLength(p, 'utf8'), 0);
    if (!state.dropped) {
      partChars += state.rowChars[state.keep];
      partBytes += state.rowBytes[state.keep];
    }
    if (partChars === 0) continue;
    nonEmpty++;
    chars += partChars;
    bytes += partBytes;
  }
  const separators = Math.max(0, nonEmpty - 1) * SEPARATOR.length;
  return { chars: chars + separators, bytes: bytes + separators };
}

function renderPart(state: State): string {
  if (state.dropped) return state.part.dropped ?? '';
  const [open, notice, close] = frame(state);
  return open + state.part.rows.slice(0, state.keep).join('') + notice + close;
}
