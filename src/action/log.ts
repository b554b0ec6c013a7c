/**
 * The action's only way to the runner's log: the runner protocol's log
 * functions (action/runner.ts), each with its text passed through safeLog
 * (report/safe-log.ts: secrets redacted, workflow commands neutralised).
 * ESLint forbids importing `info`, `warning`, `error`, `notice`, `debug` or
 * `setFailed` from runner.ts anywhere else, so no untrusted string (a file,
 * artifact or behaviour name, a query id, an API answer) can reach the log raw.
 */
import * as runner from './runner.js';
import { safeLog } from '../report/safe-log.js';

type Properties = runner.AnnotationProperties;

function safeProperties(properties: Properties | undefined): Properties | undefined {
  if (properties === undefined) return undefined;
  // The protocol escapes `:` `,` and line breaks in properties; the title may still quote a secret.
  return { ...properties, ...(properties.title === undefined ? {} : { title: safeLog(properties.title) }) };
}

export const log = {
  info: (text: string): void => runner.info(safeLog(text)),
  debug: (text: string): void => runner.debug(safeLog(text)),
  notice: (text: string, properties?: Properties): void => runner.notice(safeLog(text), safeProperties(properties)),
  warning: (text: string, properties?: Properties): void => runner.warning(safeLog(text), safeProperties(properties)),
  error: (text: string, properties?: Properties): void => runner.error(safeLog(text), safeProperties(properties)),
  /** Marks the step failed with `text` as its error line; only main.ts calls it. */
  setFailed: (text: string): void => runner.setFailed(safeLog(text)),
};
