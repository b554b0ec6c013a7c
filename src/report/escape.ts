/**
 * Making untrusted artifact text (behaviour names, query ids, file names,
 * messages) inert in a GitHub comment or job summary.
 *
 * The threat: an eval artifact is produced by whatever the PR runs, so a
 * behaviour named `</details><img src=x onerror=…>`, `@org/team` or
 * `[click](javascript:…)` must neither inject HTML, break our table, ping
 * people, create backlinks on issues, nor spoof our hidden marker.
 *
 * Why each measure (GitHub facts; docs/security.md, "Markdown: one escaping function"):
 * - `<`, `>`, `&` become entities, so no tag, comment or entity (`&#64;`) survives;
 * - ASCII punctuation with a Markdown meaning gets a backslash (every
 *   occurrence: global regex), so no emphasis, link, heading or table cell break;
 * - GitHub links mentions, issue references and URLs on the *rendered text*,
 *   after Markdown escapes are gone: `\@user` still mentions. A zero-width
 *   joiner (U+200D) inside the token is what stops it;
 * - control characters, line breaks and bidi overrides become spaces, so a name
 *   cannot end a table row or reorder what a reviewer reads.
 * `:emoji:` shortcodes are left alone: they only draw a picture.
 */

const ZWJ = '\u200D';

/** C0/C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Characters with a Markdown (GFM) meaning. `>` is absent: it is already an
 * entity. `$` is here because GitHub renders `$…$` as math.
 */
const MARKDOWN_SPECIALS = /[\\`*_[\]()#!|~+\-={}$]/g;

/** Clean control characters and cut to `maxLength` code points, ending with `…` when cut. */
export function truncateText(text: string, maxLength: number): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  const clean = text.replace(UNSAFE_CHARS, ' ');
  // Count code points, not UTF-16 units, so a cut never splits a surrogate pair.
  const points = Array.from(clean);
  return points.length <= maxLength ? clean : `${points.slice(0, maxLength - 1).join('')}…`;
}

/**
 * Untrusted text for a Markdown table cell, list item, heading or HTML block.
 * Truncation happens before escaping, so an entity or escape is never cut in half.
 * @example escapeMarkdown('a|b') // 'a\\|b'
 * @example escapeMarkdown('@octocat') // '@\u200Doctocat'
 */
export function escapeMarkdown(text: string, maxLength = 120): string {
  return neutraliseLinks(
    truncateText(text, maxLength)
      // `&` first, so the entities produced next are not double-escaped.
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`),
  );
}

/**
 * Break the tokens GitHub autolinks on rendered text: `@user` / `@org/team`
 * (mentions, and e-mail addresses), `#123`, `owner/repo#123` and `GH-123`
 * (issue references that also leave a backlink on the target), and bare
 * `https://…` / `www.` URLs (a phishing link dressed as a behaviour name).
 * Runs after backslash escaping, so `#` arrives as `\#` and `-` as `\-`.
 */
function neutraliseLinks(escaped: string): string {
  return escaped
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/(GH\\-)(?=\d)/gi, `$1${ZWJ}`)
    .replace(/:\/\//g, `:${ZWJ}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWJ}.`);
}
