import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../../src/config/inputs.js';

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
};
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** Rows of the README table between two markers, keyed by the first cell's code span. */
function tableRows(name: string): Map<string, string[]> {
  const block = readme.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of block.split('\n')) {
    const m = /^\| `([^`]+)` \|(.*)\|$/.exec(line);
    if (m)
      rows.set(
        m[1],
        m[2].split(/(?<!\\)\|/).map((c) => c.trim()),
      );
  }
  return rows;
}

describe('action.yml and the README agree', () => {
  test('runs on node24 from the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  test('every input readSettings reads is declared in action.yml, with a description', () => {
    for (const name of INPUT_NAMES) {
      expect(action.inputs[name]?.description).toBeTruthy();
    }
  });

  test('the README inputs table lists exactly the action inputs, with their defaults', () => {
    const rows = tableRows('inputs');
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, spec] of Object.entries(action.inputs)) {
      const [required, def] = rows.get(name)!;
      expect(required).toBe(spec.required ? 'yes' : 'no');
      expect(def).toBe(spec.default === undefined ? '' : `\`${spec.default}\``);
    }
  });

  test('the README outputs table lists exactly the action outputs', () => {
    expect([...tableRows('outputs').keys()].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  test('the README opens with the demo and test commands', () => {
    const firstBlock = readme.split('```sh')[1]?.split('```')[0] ?? '';
    expect(firstBlock).toContain('npm ci && npm run demo');
    expect(firstBlock).toContain('npm ci && npm test');
  });

  test('package.json and src/version.ts carry the same version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
    const { VERSION } = await import('../../src/version.js');
    expect(VERSION).toBe(pkg.version);
  });
});

/** The README's level-2 sections, by heading, with their lines (the heading included). */
function readmeSections(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  let fence = false;
  for (const line of readme.split('\n')) {
    if (/^```/.test(line)) fence = !fence;
    const heading = fence ? null : /^## (.*)$/.exec(line);
    if (heading) sections.set(heading[1], (current = []));
    current?.push(line);
  }
  return sections;
}

/**
 * The README is the front door, not the house: a pitch, the picture, a quick start, the generated
 * tables, verdicts and permissions, and links; everything else lives in docs/.
 */
describe('the README stays a front door', () => {
  test('at most 400 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(400);
  });

  test('a quick start of 30 lines or fewer', () => {
    const quickStart = readmeSections().get('Quick start');
    expect(quickStart).toBeDefined();
    while (quickStart!.at(-1)?.trim() === '') quickStart!.pop();
    expect(quickStart!.length).toBeLessThanOrEqual(30);
  });

  test('the sections a user looks for first are there', () => {
    expect([...readmeSections().keys()]).toEqual(
      expect.arrayContaining(['Quick start', 'Inputs', 'Outputs', 'Verdicts and exit codes', 'Permissions', 'Documentation']),
    );
  });

  test('the picture is there', () => {
    expect(readme).toContain('](docs/comment.png)');
  });
});

/**
 * docs/worked-examples.md shows tailgate's real output on examples/baseline and examples/red-team:
 * the golden files that __tests__/report/golden.test.ts regenerates from the pipeline. Each must appear on
 * that page verbatim, so `npm run update-golden` cannot leave the page showing numbers the code no
 * longer produces.
 */
describe('the worked examples are the goldens', () => {
  const page = readFileSync(new URL('docs/worked-examples.md', root), 'utf8');
  test.each(['baseline-example.comment.md', 'baseline-example.compare.txt', 'red-team.comment.md', 'red-team.compare.txt'])(
    '%s appears in docs/worked-examples.md',
    (name) => {
      const golden = readFileSync(new URL(`__tests__/golden/${name}`, root), 'utf8').trimEnd();
      expect(golden.length).toBeGreaterThan(200);
      expect(page.includes(golden)).toBe(true);
    },
  );
});
