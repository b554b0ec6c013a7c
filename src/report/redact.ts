/**
 * The one function that takes secrets out of text: every message that may
 * carry an API answer goes through {@link redact} before it is cut, logged,
 * or put in the summary, the comment or the report (docs/security.md).
 *
 * The secrets are the token-like values the run holds (the `github-token`
 * input, GITHUB_TOKEN, the runner's ACTIONS_RUNTIME_TOKEN …), registered once
 * at start by main.ts. Besides whole occurrences, any piece of 8 or more
 * characters of a secret is removed wherever it appears: a proxy may echo a
 * token cut short, and a message cut at a fixed length may end in a token's
 * first characters.
 */

/** Shorter pieces are not removed: too likely to occur by chance, and too short to help an attacker. */
export const MIN_FRAGMENT = 8;
/** Shorter values are not registered: `***` everywhere for a 1-character "secret" would make every message unreadable. */
const MIN_SECRET = 4;
const MASK = '***';

const registered = new Set<string>();

/** Adds `value` (trimmed; ignored when shorter than 4 characters) to the secrets {@link redact} removes. Returns whether it was added. */
export function registerSecret(value: string | undefined): boolean {
  const secret = value?.trim() ?? '';
  if (secret.length < MIN_SECRET) return false;
  registered.add(secret);
  return true;
}

/** The registered secrets (for core.setSecret, and for tests). */
export function registeredSecrets(): string[] {
  return [...registered];
}

/**
 * `text` with every registered secret, every one of `extra`, and every piece
 * of 8 or more characters of any of them replaced by `***` (adjacent pieces
 * merge into one `***`). Text without secrets comes back unchanged.
 */
export function redact(text: string, extra: readonly string[] = []): string {
  const secrets = [...registered, ...extra.map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET)];
  if (secrets.length === 0 || text.length === 0) return text;
  const masked = new Uint8Array(text.length);
  let any = false;
  for (const secret of secrets) any = maskSecret(text, secret, masked) || any;
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (masked[i] === 0) out += text[i];
    else if (i === 0 || masked[i - 1] === 0) out += MASK;
  }
  return out;
}

/** Marks every whole occurrence of `secret`, and every window of MIN_FRAGMENT characters that occurs in it. */
function maskSecret(text: string, secret: string, masked: Uint8Array): boolean {
  let any = false;
  const mark = (from: number, length: number): void => {
    masked.fill(1, from, from + length);
    any = true;
  };
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) mark(at, secret.length);
  if (secret.length < MIN_FRAGMENT) return any;
  // Every piece of ≥ 8 characters contains a window of exactly 8, and overlapping
  // windows cover the whole piece, so marking the 8-character windows suffices.
  const windows = new Set<string>();
  for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++) windows.add(secret.slice(i, i + MIN_FRAGMENT));
  for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
    if (windows.has(text.slice(i, i + MIN_FRAGMENT))) mark(i, MIN_FRAGMENT);
  }
  return any;
}

/** A copy of `value` with {@link redact} applied to every string in it (keys included); for the report before it is written anywhere. */
export function redactDeep<T>(value: T): T {
  if (registered.size === 0) return value;
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), walk(v)]));
  }
  return value;
}
