/**
 * One printed line per figure: name, our figure, the reference figure, the
 * ratio, the target and whether it is met. Lines are printed as each figure
 * finishes, so a long run shows progress.
 */
const WIDTHS = [44, 16, 30, 8, 34];

export function header() {
  return ['figure', 'ours', 'reference', 'ratio', 'target', 'met'].map((c, i) => (i < WIDTHS.length ? c.padEnd(WIDTHS[i]) : c)).join(' ');
}

/** { name, ours, reference, ratio (number or null), target, met (true/false/null) } → one line. */
export function line({ name, ours, reference, ratio, target, met }) {
  const cells = [name, ours, reference, ratio === null ? '—' : `${ratio.toFixed(2)}×`, target, met === null ? 'n/a' : met ? 'yes' : 'NO'];
  return cells.map((c, i) => (i < WIDTHS.length ? c.padEnd(WIDTHS[i]) : c)).join(' ');
}

export const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
export const megabytes = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');
export const count = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
