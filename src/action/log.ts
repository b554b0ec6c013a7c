/**
 * The action's only way to the runner's log: @actions/core's log functions,
 * each with its text passed through safeLog (report/safe-log.ts: secrets
 * redacted, workflow commands neutralised). ESLint forbids calling
 * `core.info`/`warning`/`error`/`notice`/`debug`/`setFailed` anywhere else,
 * so no untrusted string (a file, artifact or behaviour name, a query id, an
 * API answer) can reach the log raw.
 */
import * as core from '@actions/core';
import { safeLog } from '../report/safe-log.js';

type Properties = core.AnnotationProperties;

function safeProperties(properties: Properties | undefined): Properties | undefined {
  if (properties === undefined) return undefined;
  // @actions/core escapes `:` `,` and line breaks in properties; the title may still quote a secret.
  return { ...properties, ...(properties.title === undefined ? {} : { title: safeLog(properties.title) }) };
}

export const log = {
  info: (text: string): void => core.info(safeLog(text)),
  debug: (text: string): void => core.debug(safeLog(text)),
  notice: (text: string, properties?: Properties): void => core.notice(safeLog(text), safeProperties(properties)),
  warning: (text: string, properties?: Properties): void => core.warning(safeLog(text), safeProperties(properties)),
  error: (text: string, properties?: Properties): void => core.error(safeLog(text), safeProperties(properties)),
  /** Marks the step failed with `text` as its error line; only main.ts calls it. */
  setFailed: (text: string): void => core.setFailed(safeLog(text)),
};
