/**
 * The token-like values this run holds, registered before anything is logged:
 * with the runner (runner.setSecret, which masks them in the log) and with
 * report/redact.ts (which also removes pieces of them from every message,
 * the summary, the comment and the report). docs/security.md.
 */
import * as runner from './runner.js';
import { registerSecret } from '../report/redact.js';

/** Runner variables that hold tokens; each is registered when set. */
export const SECRET_ENV = ['GITHUB_TOKEN', 'GH_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

/** The runner's token variables ({@link SECRET_ENV}). */
export function registerRunSecrets(env: NodeJS.ProcessEnv): void {
  for (const name of SECRET_ENV) registerRunSecret(env[name]);
}

/** One value: readSettings hands over the `github-token` input this way as soon as it has read it. */
export function registerRunSecret(value: string | undefined): void {
  if (value !== undefined && registerSecret(value)) runner.setSecret(value.trim());
}
