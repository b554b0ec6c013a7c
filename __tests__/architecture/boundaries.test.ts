/**
 * The dependency rules of docs/design.md are enforced by ESLint
 * (eslint.boundaries.js, through eslint.config.js): a forbidden import fails
 * `npm run lint`. These probes lint a few lines of code as if they were a file
 * of a given folder, with the project's own config, and check that the
 * forbidden imports are reported and the allowed ones are not. Only the
 * import rule runs, without type information, so the whole file takes well
 * under a second.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

/** The import-rule messages for `code` linted as the file `filePath` (relative to the repository). */
async function reported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('the dependency rules fail lint when broken', () => {
  it.each([
    ['src/gate/probe.ts', "import type { Settings } from '../config/settings.js';", 'reads domain/ only'],
    ['src/report/sections/probe.ts', "import { fitGumbelTail } from '../../forecast/gumbel-tail.js';", 'reads domain/ only'],
    ['src/forecast/probe.ts', "import { planFor } from '../decisions/sampling-plan.js';", 'reads domain/ only'],
    ['src/domain/probe.ts', "import type { Settings } from '../config/settings.js';", 'domain/ imports nothing'],
    ['src/ingest/formats/probe.ts', "import { readFileSync } from 'node:fs';", 'the core reads no file'],
    ['src/decisions/baseline/probe.ts', "import * as core from '@actions/core';", 'never talks to the runner'],
    ['src/pipeline.ts', "import { resolveGlobs } from './sources/globs.js';", 'main.ts and cli/ wire'],
    ['src/config/probe.ts', "import { createClient } from '../github/client.js';", 'main.ts and cli/ wire'],
    ['src/sources/probe.ts', "import { createClient } from '../github/client.js';", 'main.ts and cli/ wire'],
    ['src/github/artifacts/probe.ts', "import { log } from '../../action/log.js';", 'never reaches back into action/'],
  ])('%s: %s', async (file, line, why) => {
    const messages = await reported(file, `${line}\nexport const probe = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(RULE);
    expect(messages[0]).toContain(why);
  });

  it.each([
    ['src/gate/probe.ts', "import type { Breach } from '../domain/gate.js';"],
    ['src/report/sections/probe.ts', "import { escapeMarkdown } from '../escape.js';"],
    ['src/decisions/probe.ts', "import { fitGumbelTail } from '../forecast/gumbel-tail.js';"],
    ['src/forecast/uncertainty/probe.ts', "import { worstQueryRisk } from '../gumbel-tail.js';"],
    ['src/ingest/probe.ts', "import type { FileHandle } from 'node:fs/promises';"],
    ['src/main.ts', "import { resolveGlobs } from './sources/globs.js';"],
    ['src/github/probe.ts', "import { redact } from '../report/redact.js';"],
  ])('allowed: %s: %s', async (file, line) => {
    expect(await reported(file, `${line}\nexport const probe = 1;\n`)).toEqual([]);
  });
});

/**
 * The log funnel (docs/security.md): only src/action/log.ts and
 * src/action/secrets.ts may call the runner protocol's log functions, so that
 * every line passes safeLog. A named or namespace import elsewhere, or
 * @actions/core's own log functions, fail lint.
 */
describe('the log funnel fails lint when bypassed', () => {
  const funnel = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
  const funnelMessages = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await funnel.lintText(`${code}\nexport const probe = 1;\n`, { filePath });
    return result.messages.map((m) => m.message);
  };

  it.each([
    ['src/action/sinks.ts', "import { info } from './runner.js';"],
    ['src/action/sinks.ts', "import * as runner from './runner.js';"],
    ['src/main.ts', "import { warning as warn } from './action/runner.js';"],
    ['src/action/comment.ts', "import * as core from '@actions/core';"],
  ])('%s: %s', async (file, line) => {
    const messages = await funnelMessages(file, line);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/log through src\/action\/log\.ts|the runner protocol is src\/action\/runner\.ts/);
  });

  it.each([
    ['src/action/sinks.ts', "import { setOutput } from './runner.js';"],
    ['src/main.ts', "import { appendSummary, getInput } from './action/runner.js';"],
    ['src/action/log.ts', "import * as runner from './runner.js';"],
  ])('allowed: %s: %s', async (file, line) => {
    expect(await funnelMessages(file, line)).toEqual([]);
  });
});
