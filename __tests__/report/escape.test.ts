import { escapeMarkdown, truncateText } from '../../src/report/escape.js';
import { ATTACKS } from '../helpers/reports.js';

const ZWJ = '\u200D';

// Expected outputs are written by hand from the rules in escape.ts:
// entities for < > &, a backslash before each Markdown special, ZWJ inside
// mention / reference / URL tokens (GitHub links those on rendered text).
describe('escapeMarkdown with the attack strings', () => {
  test.each([
    [ATTACKS.html, '&lt;/details&gt;&lt;img src\\=x onerror\\=alert\\(1\\)&gt;'],
    [ATTACKS.mention, `@${ZWJ}octocat`],
    // `\@user` still mentions: the backslash is escaped AND the ZWJ goes in.
    [ATTACKS.escapedMention, `\\\\@${ZWJ}octocat`],
    [ATTACKS.issue, `\\#${ZWJ}1`],
    [ATTACKS.crossRepo, `org/repo\\#${ZWJ}2`],
    [ATTACKS.pipes, 'a\\|b\\|c'], // every pipe, not just the first
    [ATTACKS.link, '\\[x\\]\\(javascript:alert\\(1\\)\\)'],
    [ATTACKS.bold, '\\*\\*bold\\*\\*'],
    [ATTACKS.marker, '&lt;\\!\\-\\- tailgate:key \\-\\-&gt;'],
  ])('%p', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  test('a 10,000-character name is cut to 120 code points ending with …', () => {
    const out = escapeMarkdown(ATTACKS.long);
    expect(out).toBe(`${'L'.repeat(119)}…`);
    expect(Array.from(out)).toHaveLength(120);
  });

  test('line breaks cannot end a table row or open a fence', () => {
    expect(escapeMarkdown(ATTACKS.multiline)).toBe('line one \\| fake \\| row \\| \\`\\`\\`mermaid');
  });
});

describe('escapeMarkdown, other cases', () => {
  test('numeric entities do not survive as mentions', () => {
    // `&#64;user` renders as @user and mentions: & becomes &amp; and the # gets a ZWJ.
    expect(escapeMarkdown('&#64;user')).toBe(`&amp;\\#${ZWJ}64;user`);
  });

  test('GH-123 references, URLs and www links are broken by a ZWJ', () => {
    expect(escapeMarkdown('GH-123')).toBe(`GH\\-${ZWJ}123`);
    expect(escapeMarkdown('gh-7')).toBe(`gh\\-${ZWJ}7`);
    expect(escapeMarkdown('https://evil.example/x')).toBe(`https:${ZWJ}//evil.example/x`);
    expect(escapeMarkdown('www.evil.example')).toBe(`www${ZWJ}.evil.example`);
  });

  test('# without a digit gets only the backslash', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
  });

  test('control, separator and bidi characters become spaces', () => {
    expect(escapeMarkdown('a\r\nb\tc\u0000d\u001be\u2028f\u202Eg\u2066h')).toBe('a  b c d e f g h');
  });

  test('math, strike-through, emphasis and braces are escaped', () => {
    expect(escapeMarkdown('$x$ ~~s~~ _e_ {b} +1 =2 !x `c`')).toBe('\\$x\\$ \\~\\~s\\~\\~ \\_e\\_ \\{b\\} \\+1 \\=2 \\!x \\`c\\`');
  });

  test('truncation counts code points and never splits a surrogate pair', () => {
    const out = escapeMarkdown('😀'.repeat(200), 10);
    expect(out).toBe(`${'😀'.repeat(9)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
  });

  test('truncation happens before escaping, so an entity is never cut', () => {
    // 5 code points allowed: "abc<d" → "abc<…" → "abc&lt;…"
    expect(escapeMarkdown('abc<defgh', 5)).toBe('abc&lt;…');
  });

  test('invariants over every attack string', () => {
    for (const attack of Object.values(ATTACKS)) {
      const out = escapeMarkdown(attack);
      expect(out).not.toMatch(/[<>\n\r]/);
      expect(out).not.toMatch(/(^|[^\\])\|/); // no unescaped pipe
      expect(out).not.toMatch(/@(?!\u200D)/); // every @ followed by ZWJ
      expect(out).not.toMatch(/#(?=\d)/); // no # directly before a digit
      expect(out).not.toMatch(/\]\(/); // no link syntax
    }
  });

  test('a bad maxLength is refused', () => {
    expect(() => truncateText('x', 0)).toThrow(RangeError);
  });
});
