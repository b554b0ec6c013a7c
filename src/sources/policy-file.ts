/**
 * The policy file's text, read under the workspace rule (docs/security.md):
 * main.ts and the CLI hand this reader to readSettings, which parses what it
 * returns (config/policy.ts). A policy is a small hand-written file; anything
 * bigger is a wrong path.
 */
import { dirname, resolve } from 'node:path';
import { InputError } from '../domain/errors.js';
import { pathRoot, rootName } from './inside.js';
import { readInsideSync } from './open-inside.js';
import type { PathScope } from '../domain/byte-source.js';

export const MAX_POLICY_BYTES = 1024 * 1024;

/**
 * Reads the `policy` input's file relative to `cwd`. It must really lie in
 * `cwd` (`workspace`, the action), or, for a CLI path naming a place outside
 * it, in that place (`named`; see ingest/inside.ts).
 */
export function policyFileReader(cwd: string, scope: PathScope = 'workspace'): (input: string) => string {
  return (input) => {
    const root = pathRoot(input, cwd, scope);
    return readPolicyText(resolve(cwd, input), input, root, rootName(root, cwd, scope));
  };
}

/**
 * The text of the policy file at `file`; `label` is how messages name it (the
 * path as the user wrote it). The file must really lie inside `root`, default
 * its own directory; `where` is how messages call the root.
 */
export function readPolicyText(file: string, label: string = file, root: string = dirname(file), where?: string): string {
  try {
    const tooBig = (size: number) =>
      new InputError(
        `policy ${label}: file is ${size} bytes, more than ${MAX_POLICY_BYTES}; check the \`policy\` input points at the policy YAML.`,
      );
    return readInsideSync({ path: file, name: `policy ${label}`, root, rootName: where }, MAX_POLICY_BYTES, tooBig).toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = fieldOf(err, 'code');
    if (code === 'ENOENT') throw new InputError(`policy ${label}: file not found (looked at ${file}); check the \`policy\` input.`);
    throw new InputError(`policy ${label}: cannot read ${file}: ${fieldOf(err, 'message') ?? String(err)}`);
  }
}

/** A string field of anything thrown, read by shape: fs errors come from another realm under jest's VM modules. */
function fieldOf(err: unknown, field: 'code' | 'message'): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const value: unknown = Reflect.get(err, field);
  return typeof value === 'string' ? value : undefined;
}
