/**
 * The one function that makes text safe for the runner's log: every line
 * tailgate prints (the action through src/action/log.ts, the CLI through its
 * writers) goes through {@link safeLog}. docs/security.md has the threat.
 *
 * How the runner reads a step's output (actions/runner, ActionCommandManager):
 * each line of stdout and stderr (split at \r and \n) is a workflow command
 * when, after its leading whitespace is trimmed, it starts with `::`
 * (`::set-output name=x::y`, `::add-mask::`, `::stop-commands::…`), or when
 * it holds `##[` anywhere (the older `##[set-output name=x;]y` form).
 * @actions/core escapes %, \r and \n in the message of its own commands, so
 * `core.warning(text)` stays one line; `core.info(text)` is written raw, and
 * there a file name such as `x\n::set-output name=verdict::pass` would be
 * obeyed. Untrusted text reaches the log inside our messages, so the whole
 * message is made safe:
 * - secrets are redacted (report/redact.ts);
 * - U+0085, U+2028 and U+2029 become spaces: the runner does not split at
 *   them, but trims them as whitespace, and a log viewer may show a break;
 * - a line that starts with `::` after any whitespace gets `: :` instead;
 * - `::` after the escaped breaks `%0A`/`%0D` (which the runner decodes in a
 *   command's data) becomes `: :` too;
 * - `##[` becomes `## [`.
 * Nothing else changes, so ordinary messages read exactly as written.
 */
import { redact } from './redact.js';

/** Whitespace .NET's TrimStart removes (JavaScript's \s plus U+0085 and U+180E), any amount. */
const LEAD = '[\\s\\u0085\\u180e]*';
const LINE_START_COMMAND = new RegExp(`^(${LEAD})::`);
const ESCAPED_BREAK_COMMAND = new RegExp(`(%0[ad](?:${LEAD}|%0[ad])*)::`, 'gi');
const UNICODE_BREAKS = /[\u0085\u2028\u2029]/g;

/** Redacted and neutralised text for the log; see the module doc. */
export function safeLog(text: string): string {
  return neutraliseCommands(redact(text));
}

/** The workflow-command part of {@link safeLog}, without the redaction. */
export function neutraliseCommands(text: string): string {
  const flat = text.replace(UNICODE_BREAKS, ' ').replace(ESCAPED_BREAK_COMMAND, '$1: :').replace(/##\[/g, '## [');
  // Split keeping the separators, so \r\n, \r and \n all survive as written.
  return flat
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(LINE_START_COMMAND, '$1: :'))
    .join('');
}
