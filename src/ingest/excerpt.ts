/**
 * Bounded excerpts of untrusted text and values for messages. A behaviour
 * name, query id or score value comes from the file and can be megabytes
 * long or nested thousands of levels deep: messages quote at most
 * {@link EXCERPT_CHARS} characters of it and say how long it really was, and
 * nothing here recurses, so no value can overflow the stack on its way into
 * an error.
 */

/** Characters of an untrusted string or value quoted in a message. */
export const EXCERPT_CHARS = 80;

/**
 * `text` cut to `max` characters, with its full length when cut:
 * `aaaa… (14680064 characters)`. Never splits a surrogate pair.
 *
 * @example clip('x'.repeat(100), 10) // 'xxxxxxxxx… (100 characters)'
 */
export function clip(text: string, max: number = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  return `${cut(text, max - 1)}… (${text.length} characters)`;
}

/** A list of untrusted names for a message: each clipped, at most `count` of them, then how many more. */
export function clipList(names: Iterable<string>, count = 10): string {
  const all = [...names];
  const shown = all.slice(0, count).map((n) => clip(n));
  return all.length > count ? `${shown.join(', ')} and ${all.length - count} more` : shown.join(', ');
}

/**
 * A value as JSON-like text of at most `max` characters, for "got …" in
 * messages: `{"a":[1,2]}`, `"text"`, `NaN`, `nothing` for undefined. Built
 * with an explicit stack and stopped as soon as the text is long enough, so a
 * value nested 100,000 levels deep or holding a million elements costs no
 * more than a short one.
 *
 * @example preview({ a: [1, 'x'] }) // '{"a":[1,"x"]}'
 */
export function preview(value: unknown, max: number = EXCERPT_CHARS): string {
  if (value === undefined) return 'nothing';
  let out = '';
  // Work items: text to append as is, or a value to render. Popped from the end.
  const work: Array<{ text: string } | { value: unknown }> = [{ value }];
  while (work.length > 0 && out.length <= max) {
    const item = work.pop();
    if (item === undefined) break;
    if ('text' in item) {
      out += item.text;
      continue;
    }
    const v = item.value;
    if (typeof v !== 'object' || v === null) {
      out += scalar(v, max);
      continue;
    }
    // Each element takes at least one character, so more than `max` of them can never be shown.
    const isArray = Array.isArray(v);
    const keys = isArray ? [] : Object.keys(v).slice(0, max + 1);
    const items: unknown[] = isArray ? v.slice(0, max + 1) : keys.map((k): unknown => Reflect.get(v, k));
    out += isArray ? '[' : '{';
    work.push({ text: isArray ? ']' : '}' });
    for (let i = items.length - 1; i >= 0; i--) {
      work.push({ value: items[i] });
      if (!isArray) work.push({ text: `${JSON.stringify(cut(keys[i], max))}:` });
      if (i > 0) work.push({ text: ',' });
    }
  }
  return out.length > max ? `${cut(out, max - 1)}…` : out;
}

function scalar(v: unknown, max: number): string {
  if (typeof v === 'string') return JSON.stringify(v.length > max ? cut(v, max) : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  return `a ${typeof v}`;
}

/** The first `n` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair. */
function cut(text: string, n: number): string {
  if (text.length <= n) return text;
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}
