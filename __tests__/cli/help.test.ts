/**
 * `--help` documents every option, with action.yml's own text for the
 * action inputs (the CLI copy must not drift from the workflow docs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INPUT_NAMES, RUNNER_INPUTS } from '../../src/config/inputs.js';
import { BACKTEST_INPUTS, BACKTEST_OWN } from '../../src/cli/backtest-options.js';
import { CLI_INPUTS, documentedInputs } from '../../src/cli/help.js';
import { INPUT_DESCRIPTIONS } from '../../src/cli/input-docs.js';
import { cliInProcess } from '../helpers/cli.js';
import { REPO_ROOT as root, runCli } from '../helpers/spawn.js';

const run = (args: string[]) => cliInProcess(args, root);

describe('help text', () => {
  test('tailgate forecast --help lists every action input but the runner-only ones as a flag, and the CLI flags', async () => {
    const r = await run(['forecast', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of [...CLI_INPUTS, 'json', 'markdown', 'help']) expect(r.stdout).toMatch(new RegExp(`^  (-h, )?--${name}\\b`, 'm'));
    for (const name of RUNNER_INPUTS) expect(r.stdout).not.toMatch(new RegExp(`^  --${name}\\b`, 'm'));
    expect(r.stdout).toContain(RUNNER_INPUTS.join(', '));
  });

  test('a runner-only input is refused with the reason and the way out, and nothing is read', async () => {
    const r = await run(['forecast', 'examples/pass/results.jsonl', '--deployment-volume', '1M', '--github-token', 'ghp_x']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--github-token is an action input that needs a GitHub runner');
    expect(r.stderr).toContain('gh run download');
  });

  test('-h is --help', async () => {
    expect((await run(['forecast', '-h'])).stdout).toBe((await run(['forecast', '--help'])).stdout);
  });

  test('tailgate backtest --help lists its options', async () => {
    const r = await run(['backtest', '--help']);
    expect(r.code).toBe(0);
    for (const name of [...BACKTEST_INPUTS, ...BACKTEST_OWN]) expect(r.stdout).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
    expect(r.stdout).toContain('§4');
  });

  test('tailgate --help names both commands; no command is a usage error on stderr', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}forecast /m);
    expect(help.stdout).toMatch(/^ {2}backtest /m);
    const none = await run([]);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(help.stdout);
    const unknown = await run(['forcast']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'forcast'");
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    // The built bundle itself, once: it answers as the package version.
    expect((await runCli(['--version'], root)).stdout).toBe(`${pkg.version}\n`);
  });
});

describe('the help text and action.yml agree', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string }> };

  test('every input readSettings reads is documented exactly once', () => {
    const listed = documentedInputs();
    expect([...listed].sort()).toEqual([...CLI_INPUTS].sort());
    expect([...CLI_INPUTS, ...RUNNER_INPUTS].sort()).toEqual([...INPUT_NAMES].sort());
  });

  test("each description is action.yml's, word for word (copy it into src/cli/input-docs.ts when it changes)", () => {
    for (const name of CLI_INPUTS) {
      const declared = action.inputs[name]?.description;
      // An input not yet in action.yml is the docs test's business (docs-action); here only copies are checked.
      if (declared === undefined) continue;
      expect({ name, description: INPUT_DESCRIPTIONS[name] }).toEqual({ name, description: declared.trim() });
    }
    for (const name of Object.keys(INPUT_DESCRIPTIONS)) expect(action.inputs[name]).toBeDefined();
  });
});
