/**
 * The recipes in examples/workflows/ are copied into users' repositories as they are, so each
 * must parse, call the action only with inputs action.yml declares, ask for the least
 * permissions, and never use `pull_request_target`. `lintWorkflow` states those rules once;
 * the first block proves each rule bites on a workflow that breaks it, the second runs it on
 * every recipe.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse, parseDocument } from 'yaml';

const root = new URL('../../', import.meta.url);
const dir = new URL('examples/workflows/', root);

/** What the README tells users to write (with their own owner). */
const ACTION = 'tailgate-dev/tailgate@v1';

/**
 * The only scopes a recipe may ask for, and the most each may get: read the code, read other
 * runs' artifacts, write the PR comment. Anything else (contents: write, id-token, write-all)
 * would be more than the gate needs.
 */
const MAX_ACCESS: Readonly<Record<string, 'read' | 'write'>> = { contents: 'read', actions: 'read', 'pull-requests': 'write' };

/**
 * The first majors that run on Node 24 (each action's release notes: checkout v5, setup-node v5,
 * setup-python v6, upload-artifact v6, download-artifact v7). Node 20 actions are deprecated on
 * GitHub-hosted runners.
 */
const MIN_MAJOR: Readonly<Record<string, number>> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/setup-python': 6,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
};

/** Halves of a two-workflow pattern that run the eval and never gate (see fork-prs.yml). */
const COMPANIONS: ReadonlySet<string> = new Set(['fork-prs-eval.yml']);

/** One recipe per docs/recipes page, plus the unprivileged half of the fork pattern. */
const RECIPES = [
  'advisory.yml',
  'baseline.yml',
  'fork-prs-eval.yml',
  'fork-prs.yml',
  'inspect-ai.yml',
  'lm-eval.yml',
  'matrix-shards.yml',
  'promptfoo-redteam.yml',
  'quick-start.yml',
];

interface InputSpec {
  required: boolean;
  hasDefault: boolean;
}

interface Linted {
  problems: string[];
  name: string | undefined;
  tailgateSteps: number;
  /** `workflows:` of an `on.workflow_run` trigger: the names this workflow waits for. */
  waitsFor: string[];
}

type YamlMap = Record<string, unknown>;

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Event names from any of the three forms of `on:` (a name, a list, a mapping). */
function eventNames(on: unknown): string[] {
  return isMap(on) ? Object.keys(on) : strings(on);
}

/** Problems with one `permissions:` value; `where` names it in the message. */
function permissionProblems(where: string, permissions: unknown): string[] {
  if (!isMap(permissions)) return [`${where}: permissions must be an explicit mapping of scopes, got ${JSON.stringify(permissions)}`];
  const problems: string[] = [];
  for (const [scope, access] of Object.entries(permissions)) {
    const max = MAX_ACCESS[scope];
    if (max === undefined) problems.push(`${where}: scope '${scope}' is more than the gate needs`);
    else if (access !== 'read' && access !== 'none' && !(access === 'write' && max === 'write')) {
      problems.push(`${where}: '${scope}: ${String(access)}' is more than the gate needs (at most ${max})`);
    }
  }
  return problems;
}

function has(permissions: unknown, scope: string, access: 'read' | 'write'): boolean {
  if (!isMap(permissions)) return false;
  return permissions[scope] === access || (access === 'read' && permissions[scope] === 'write');
}

/** Checks one workflow file's text against the rules above. */
function lintWorkflow(file: string, text: string, inputs: ReadonlyMap<string, InputSpec>): Linted {
  const linted: Linted = { problems: [], name: undefined, tailgateSteps: 0, waitsFor: [] };
  const problems = linted.problems;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ...linted, problems: [`${file}: invalid YAML: ${doc.errors[0].message}`] };
  const workflow: unknown = doc.toJS();
  if (!isMap(workflow) || !isMap(workflow.jobs)) return { ...linted, problems: [`${file}: not a workflow (no jobs mapping)`] };
  if (typeof workflow.name === 'string') linted.name = workflow.name;

  const events = eventNames(workflow.on);
  if (events.length === 0) problems.push(`${file}: no 'on:' trigger`);
  if (events.includes('pull_request_target')) {
    problems.push(`${file}: uses pull_request_target; use the workflow_run pattern (fork-prs.yml)`);
  }
  const onMap = isMap(workflow.on) ? workflow.on : {};
  if (isMap(onMap.workflow_run)) linted.waitsFor = strings(onMap.workflow_run.workflows);
  const privileged = events.includes('workflow_run');

  if (workflow.permissions === undefined) problems.push(`${file}: no top-level permissions (the default token may be read-write)`);
  else problems.push(...permissionProblems(`${file}`, workflow.permissions));

  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (!isMap(job)) continue;
    const where = `${file} job ${jobId}`;
    if (job.permissions !== undefined) problems.push(...permissionProblems(where, job.permissions));
    // Job-level permissions replace the top-level ones entirely.
    const effective = job.permissions ?? workflow.permissions;
    for (const step of Array.isArray(job.steps) ? job.steps : []) {
      if (!isMap(step) || typeof step.uses !== 'string') continue;
      const [action, ref = ''] = step.uses.split('@');
      if (ref === '') problems.push(`${where}: '${step.uses}' has no @ref`);
      const major = /^v(\d+)$/.exec(ref);
      const min = MIN_MAJOR[action];
      if (major && min !== undefined && Number(major[1]) < min) {
        problems.push(`${where}: ${step.uses} runs on Node 20; use @v${min} or later`);
      }
      if (privileged && action === 'actions/checkout' && isMap(step.with) && step.with.ref !== undefined) {
        problems.push(`${where}: a workflow_run workflow checks out ref ${JSON.stringify(step.with.ref)}; it must not run the PR's code`);
      }
      if (action !== 'tailgate-dev/tailgate') continue;
      linted.tailgateSteps += 1;
      if (step.uses !== ACTION) problems.push(`${where}: uses ${step.uses}; the recipes use ${ACTION}`);
      const withs = isMap(step.with) ? step.with : {};
      for (const key of Object.keys(withs)) {
        if (!inputs.has(key)) problems.push(`${where}: input '${key}' is not declared in action.yml`);
      }
      for (const [name, spec] of inputs) {
        if (spec.required && !spec.hasDefault && withs[name] === undefined) problems.push(`${where}: required input '${name}' is missing`);
      }
      // Both read another run through the Actions API: run-id its artifacts, baseline-artifact the base branch's report.
      for (const key of ['run-id', 'baseline-artifact']) {
        if (withs[key] !== undefined && !has(effective, 'actions', 'read')) {
          problems.push(`${where}: reads another run's artifacts (${key}) without 'actions: read'`);
        }
      }
      const commenting = withs.comment !== 'off' && (events.includes('pull_request') || privileged);
      if (commenting && !has(effective, 'pull-requests', 'write')) {
        problems.push(`${where}: comments on PRs without 'pull-requests: write'`);
      }
    }
  }
  // A workflow that does not gate (the eval half of the fork pattern) runs untrusted code: read only.
  const grants = [workflow.permissions, ...Object.values(workflow.jobs).map((job) => (isMap(job) ? job.permissions : undefined))];
  if (linted.tailgateSteps === 0 && grants.some((p) => isMap(p) && Object.values(p).includes('write'))) {
    problems.push(`${file}: does not gate but asks for write access`);
  }
  return linted;
}

/** action.yml's inputs, checked at runtime rather than cast. */
function actionInputs(): Map<string, InputSpec> {
  const action: unknown = parse(readFileSync(new URL('action.yml', root), 'utf8'));
  if (!isMap(action) || !isMap(action.inputs)) throw new Error('action.yml has no inputs mapping');
  const inputs = new Map<string, InputSpec>();
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputs.set(name, { required: isMap(spec) && spec.required === true, hasDefault: isMap(spec) && spec.default !== undefined });
  }
  return inputs;
}

const inputs = actionInputs();

describe('lintWorkflow bites', () => {
  const good = `
name: g
on: pull_request
permissions:
  contents: read
  pull-requests: write
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: ${ACTION}
        with:
          results: r.jsonl
          deployment-volume: 1M
`;
  const lint = (text: string): string[] => lintWorkflow('t.yml', text, inputs).problems;

  test('a well-formed workflow passes', () => {
    expect(lint(good)).toEqual([]);
  });

  test.each([
    ['pull_request_target', good.replace('on: pull_request', 'on: [pull_request_target]'), 'pull_request_target'],
    [
      'an undeclared input',
      good.replace('deployment-volume: 1M', 'deployment-volume: 1M\n          deploy-volume: 1M'),
      "input 'deploy-volume'",
    ],
    ['a missing required input', good.replace('          deployment-volume: 1M\n', ''), "required input 'deployment-volume'"],
    ['no top-level permissions', good.replace('permissions:\n  contents: read\n  pull-requests: write\n', ''), 'no top-level permissions'],
    ['write-all', good.replace('permissions:\n  contents: read\n  pull-requests: write\n', 'permissions: write-all\n'), 'explicit mapping'],
    ['contents: write', good.replace('contents: read', 'contents: write'), "'contents: write'"],
    ['an extra scope', good.replace('contents: read', 'id-token: write'), "scope 'id-token'"],
    ['a comment without pull-requests: write', good.replace('  pull-requests: write\n', ''), "without 'pull-requests: write'"],
    [
      'run-id without actions: read',
      good.replace('results: r.jsonl', 'results: r.jsonl\n          artifact-name: a\n          run-id: 1'),
      "(run-id) without 'actions: read'",
    ],
    [
      'baseline-artifact without actions: read',
      good.replace(
        'results: r.jsonl',
        'results: r.jsonl\n          baseline-artifact: tailgate-report\n          baseline-workflow: gate.yml',
      ),
      "(baseline-artifact) without 'actions: read'",
    ],
    ['another ref of the action', good.replace(ACTION, 'tailgate-dev/tailgate@main'), 'uses tailgate-dev/tailgate@main'],
    ['a Node 20 action', good.replace('actions/checkout@v5', 'actions/checkout@v4'), 'runs on Node 20'],
    ['invalid YAML', `${good}\n  bad: [unclosed`, 'invalid YAML'],
  ])('%s is reported', (_what, text, message) => {
    expect(lint(text).join('\n')).toContain(message);
  });

  test("a workflow_run workflow checking out the PR's head is reported", () => {
    const privileged = good
      .replace('on: pull_request', 'on:\n  workflow_run:\n    workflows: [eval]\n    types: [completed]')
      .replace(
        '- uses: actions/checkout@v5',
        '- uses: actions/checkout@v5\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}',
      );
    expect(lint(privileged).join('\n')).toContain("must not run the PR's code");
  });

  test('a workflow that does not gate may not ask for write access', () => {
    const evalOnly = good.replace(
      `      - uses: ${ACTION}\n        with:\n          results: r.jsonl\n          deployment-volume: 1M\n`,
      '      - run: make eval\n',
    );
    expect(lintWorkflow('t.yml', evalOnly, inputs).tailgateSteps).toBe(0);
    expect(lint(evalOnly).join('\n')).toContain('does not gate but asks for write access');
  });

  test('job-level permissions replace the top-level ones', () => {
    const narrowed = good.replace('    runs-on: ubuntu-latest', '    runs-on: ubuntu-latest\n    permissions:\n      contents: read');
    expect(lint(narrowed).join('\n')).toContain("without 'pull-requests: write'");
  });
});

describe('examples/workflows', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));
  const linted = new Map(files.map((f) => [f, lintWorkflow(f, readFileSync(new URL(f, dir), 'utf8'), inputs)]));

  test('holds one workflow per recipe', () => {
    expect([...files].sort()).toEqual(RECIPES);
  });

  test.each(RECIPES)('%s follows the rules', (file) => {
    const result = linted.get(file);
    expect(result?.problems).toEqual([]);
    if (COMPANIONS.has(file)) expect(result?.tailgateSteps).toBe(0);
    else expect(result?.tailgateSteps).toBeGreaterThanOrEqual(1);
  });

  test('every workflow_run trigger waits for a recipe by its name, and every companion is waited for', () => {
    const names = new Map([...linted].map(([file, l]) => [l.name, file]));
    const waited = new Set<string>();
    for (const [file, l] of linted) {
      for (const name of l.waitsFor) {
        expect({ file, waitsFor: name, found: names.has(name) }).toEqual({ file, waitsFor: name, found: true });
        waited.add(names.get(name) ?? '');
      }
    }
    for (const companion of COMPANIONS) expect(waited.has(companion)).toBe(true);
  });

  test('no recipe mentions pull_request_target outside a comment', () => {
    for (const file of files) {
      const code = readFileSync(new URL(file, dir), 'utf8')
        .split('\n')
        .map((line) => line.replace(/(^|\s)#.*$/, ''))
        .join('\n');
      expect({ file, mentions: code.includes('pull_request_target') }).toEqual({ file, mentions: false });
    }
  });
});

/** Every mapping under `node` (itself included) whose `uses` is the action: the tailgate steps. */
function tailgateSteps(node: unknown): YamlMap[] {
  if (Array.isArray(node)) return node.flatMap(tailgateSteps);
  if (!isMap(node)) return [];
  const own = typeof node.uses === 'string' && node.uses.startsWith('tailgate-dev/tailgate@') ? [node] : [];
  return [...own, ...Object.values(node).flatMap(tailgateSteps)];
}

/** A YAML snippet cut from a workflow at any indentation, parsed with its scalars as text (as a runner passes them). */
function parseSnippet(text: string): unknown {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return parse(lines.map((l) => l.slice(indent)).join('\n'), { schema: 'failsafe' });
}

/**
 * Why a docs page's tailgate snippets disagree with the workflows it links: each ```yaml block that
 * calls the action must call it with exactly the `with:` inputs of a tailgate step in one of the
 * linked workflow files (comments and layout aside), so the page shows what the test suite runs.
 */
function snippetProblems(page: string, workflows: ReadonlyMap<string, string>): string[] {
  const linked = [...page.matchAll(/examples\/workflows\/([\w.-]+\.ya?ml)\)/g)].map((m) => m[1]);
  const runs = linked.flatMap((file) => tailgateSteps(parse(workflows.get(file) ?? '', { schema: 'failsafe' })).map((s) => s.with));
  const problems: string[] = [];
  for (const [, block] of page.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
    for (const step of tailgateSteps(parseSnippet(block))) {
      const same = runs.some(
        (w) => JSON.stringify(w, Object.keys(w as object).sort()) === JSON.stringify(step.with, Object.keys(step.with as object).sort()),
      );
      if (!same)
        problems.push(
          `a snippet calls the action with ${JSON.stringify(step.with)}, which no linked workflow (${linked.join(', ') || 'none'}) does`,
        );
    }
  }
  return problems;
}

describe('snippetProblems bites', () => {
  const workflows = new Map([
    [
      'a.yml',
      'jobs:\n  j:\n    steps:\n      - uses: tailgate-dev/tailgate@v1\n        with:\n          results: r.jsonl # why\n          deployment-volume: 1M\n',
    ],
  ]);
  const page = (inputs: string): string =>
    `[a](../../examples/workflows/a.yml)\n\n\`\`\`yaml\n      - uses: tailgate-dev/tailgate@v1\n        with:\n${inputs}\`\`\`\n`;

  test('the same inputs, in another order and without comments, agree', () => {
    expect(snippetProblems(page('          deployment-volume: 1M\n          results: r.jsonl\n'), workflows)).toEqual([]);
  });

  test.each([
    ['a changed value', '          results: r.jsonl\n          deployment-volume: 1e6\n'],
    ['an input the workflow lacks', '          results: r.jsonl\n          deployment-volume: 1M\n          mode: advisory\n'],
    ['an input left out', '          results: r.jsonl\n'],
  ])('%s is reported', (_what, inputs) => {
    expect(snippetProblems(page(inputs), workflows)).toHaveLength(1);
  });

  test('a snippet on a page that links no workflow is reported (such pages are listed apart)', () => {
    expect(
      snippetProblems(page('          results: r.jsonl\n          deployment-volume: 1M\n').split('\n').slice(1).join('\n'), workflows),
    ).toHaveLength(1);
  });
});

describe('docs/recipes', () => {
  const pagesDir = new URL('docs/recipes/', root);
  const pages = new Map(
    [
      ...readdirSync(pagesDir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => [`docs/recipes/${f}`, new URL(f, pagesDir)] as const),
      ['docs/quick-start.md', new URL('docs/quick-start.md', root)] as const,
    ].map(([name, url]) => [name, readFileSync(url, 'utf8')]),
  );
  const workflows = new Map(RECIPES.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));

  test('every workflow in examples/workflows has a page that links it', () => {
    const linked = new Set(
      [...pages.values()].flatMap((text) => [...text.matchAll(/examples\/workflows\/([\w.-]+\.ya?ml)\)/g)].map((m) => m[1])),
    );
    expect(RECIPES.filter((f) => !linked.has(f))).toEqual([]);
  });

  /** Pages whose snippets illustrate a policy section rather than a workflow; other tests run them. */
  const WITHOUT_WORKFLOW = ['docs/recipes/policy-files.md'];
  const linksWorkflow = (text: string): boolean => /examples\/workflows\/[\w.-]+\.ya?ml\)/.test(text);

  test('only the listed pages call the action without linking a workflow', () => {
    const callers = [...pages].filter(([, text]) => text.includes('uses: tailgate-dev/tailgate@') && !linksWorkflow(text));
    expect(callers.map(([name]) => name)).toEqual(WITHOUT_WORKFLOW);
  });

  test.each([...pages.keys()].filter((name) => !WITHOUT_WORKFLOW.includes(name)))(
    '%s calls the action with the inputs its workflow has',
    (name) => {
      expect(snippetProblems(pages.get(name)!, workflows)).toEqual([]);
    },
  );
});
