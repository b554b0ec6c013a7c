/**
 * The chart's colours: each behaviour's line in the colour of its status
 * (fail red, warn amber, inconclusive purple, pass blue, not gated grey), its
 * interval in a lighter shade of it, thresholds in black and dark amber, and
 * the emoji square the legend shows for each (docs/pr-comment.md, "The chart").
 */
import type { Status } from '../domain/gate.js';

/** Line colour, interval colour and legend swatch per status; a second behaviour of one status gets the dark shade. */
export const STATUS_COLOURS: Record<Exclude<Status, 'insufficient'>, { line: string[]; band: string[]; swatch: string; name: string }> = {
  fail: { line: ['#d62728', '#7f0000'], band: ['#f4a6a6', '#c97b7b'], swatch: '🟥', name: 'red' },
  errors: { line: ['#d62728', '#7f0000'], band: ['#f4a6a6', '#c97b7b'], swatch: '🟥', name: 'red' },
  warn: { line: ['#ff9f1c', '#a65e00'], band: ['#ffd7a0', '#d9ad73'], swatch: '🟧', name: 'amber' },
  inconclusive: { line: ['#9467bd', '#4b2a6b'], band: ['#d2bfe6', '#a08cb8'], swatch: '🟪', name: 'purple' },
  pass: { line: ['#1f77b4', '#08306b'], band: ['#a6c8e6', '#7393b3'], swatch: '🟦', name: 'blue' },
  'not-gated': { line: ['#7f7f7f', '#3f3f3f'], band: ['#cfcfcf', '#9f9f9f'], swatch: '⬜', name: 'grey' },
};
export const THRESHOLD_COLOUR = { fail: '#000000', warn: '#8c6d00' } as const;
export const THRESHOLD_SWATCH = { fail: '⬛', warn: '🟫' } as const;
