/**
 * The token-like values this run holds, registered before anything is logged:
 * with the runner (core.setSecret, which masks them in the log) and with
 * report/redact.ts (which also removes pieces of them from every message,
 * the summary, the comment and the report). docs/security.md.
 */
import * as core from '@actions/core';
import { registerSecret } from '../report/redact.js';

/** Runner variables that hold tokens; each is registered when set. */
export const SECRET_ENV = ['GITHUB_TOKEN', 'GH_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

export function registerRunSecrets(getInput: (name: string) => string, env: NodeJS.ProcessEnv): void {
  for (const value of [getInput('github-token'), ...SECRET_ENV.map((name) => env[name])]) {
    if (value !== undefined && registerSecret(value)) core.setSecret(value.trim());
  }
}
