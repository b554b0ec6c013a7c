/**
 * docs/troubleshooting.md is generated from src by scripts/error-catalog.mjs. The first test fails when
 * the page is stale (run `node scripts/error-catalog.mjs` and review the diff); the rest pin the
 * rendering rules on small snippets. Expected texts are written by hand from the rules in the script's
 * header comment (placeholders, choices, fixes), not copied from its output.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  catalog,
  codeCell,
  extractFix,
  indexProject,
  renderDoc,
  renderMessage,
  textCell,
  withoutFix,
  type Entry,
} from '../../scripts/error-catalog.mjs';
import { baseEnv, spawnNode } from '../helpers/spawn.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The first argument of the first `new InputError(…)` in `code`, parsed with parent pointers. */
function firstMessage(code: string): ts.Expression {
  const sf = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && ts.isNewExpression(node) && node.expression.getText(sf) === 'InputError') found = node.arguments?.[0];
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (!found) throw new Error('snippet has no new InputError(...)');
  return found;
}

/** The cells of a Markdown table row, split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('docs/troubleshooting.md', () => {
  test('is what the generator writes (run `node scripts/error-catalog.mjs` when this fails)', async () => {
    const run = await spawnNode(['scripts/error-catalog.mjs', '--check'], { cwd: root, env: baseEnv(root), timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('renderMessage', () => {
  test('template placeholders: identifiers kebab-cased, a property by its owner when its name is generic, length as a count', () => {
    const node = firstMessage('throw new InputError(`${file.name}:${lineNo}: expected ${n} columns, got ${row.length}; fix the line`);');
    expect(renderMessage(node)).toEqual(['<file>:<line-no>: expected <n> columns, got <row-count>; fix the line']);
  });

  test('a concatenation is joined, and formatting calls show what they format', () => {
    const node = firstMessage(
      "throw new InputError(`${where}: doc ${String(docId)} is a perplexity row; ` + 'remove perplexity tasks (' + names.join(', ') + ')');",
    );
    expect(renderMessage(node)).toEqual(['<where>: doc <doc-id> is a perplexity row; remove perplexity tasks (<names>)']);
  });

  test('other calls are named after the function without describe/format prefixes and an Of suffix', () => {
    const node = firstMessage('throw new InputError(`values seen: ${describeCounts(seen)}, got ${kindOf(doc)} after ${a - b} rows`);');
    expect(renderMessage(node)).toEqual(['values seen: <counts>, got <kind> after <n> rows']);
  });

  test('string constants are inlined; a choice inside a message shows both sides or an optional part', () => {
    const code = [
      "const HELP = 'use 0 or a whole number';",
      "throw new InputError(`bootstrap: got ${raw}; ${HELP}; the run${n === 1 ? '' : 's'} ${many ? 'were' : 'was'} skipped`);",
    ].join('\n');
    expect(renderMessage(firstMessage(code))).toEqual(['bootstrap: got <raw>; use 0 or a whole number; the run[s] {were|was} skipped']);
  });

  test('a top-level choice gives one message per side', () => {
    const node = firstMessage("throw new InputError(write ? 'the token cannot write; add pull-requests: write' : `cannot read ${what}`);");
    expect(renderMessage(node)).toEqual(['the token cannot write; add pull-requests: write', 'cannot read <what>']);
  });
});

describe('extractFix', () => {
  test.each([
    // The fix after a semicolon, through the end of the message, without the final full stop.
    ['policy p.yml: file not found (looked at /w/p.yml); check the `policy` input.', 'check the `policy` input'],
    // A fix in parentheses loses the closing one.
    [
      'listing runs failed: 403 (check that the job has `permissions: actions: read`)',
      'check that the job has `permissions: actions: read`',
    ],
    // A new sentence starting with a verb.
    ['x.json: matched twice. Narrow the globs so each file belongs to one group.', 'Narrow the globs so each file belongs to one group'],
    // "run" counts as a verb after a semicolon, not at the start of a clause after a colon.
    [
      "tailgate forecast: unknown option '--x'; run 'tailgate forecast --help' for the options.",
      "run 'tailgate forecast --help' for the options",
    ],
    ['baseline: run 12 has no artifact named "eval"', null],
    // A fix that starts inside parentheses ends where they close; "read" after a semicolon is narration here.
    ["a.jsonl: several filters; read 'x' (the first seen; set filter to choose), excluded y", 'set filter to choose'],
    // A rule the value must meet, up to ", got".
    ['a.jsonl:3: \'k\' must be a finite number, got "x"', "'k' must be a finite number"],
    // Narration only: no fix, and none is made up.
    ['results: no input files to read', null],
  ])('%p', (message, fix) => {
    expect(extractFix(message)).toBe(fix);
  });
});

describe('catalog', () => {
  const code = [
    "import { InputError } from '../format.js';",
    'export function read(file: { name: string }, sink: { warn(m: string): void }) {',
    '  if (a) throw new InputError(`${file.name}: no samples; set format to one of: a | b`);',
    '  if (b) throw new InputError(`${file.name}: the zip has no entry header.json`);',
    '  sink.warn(`${file.name}: skipped 3 lines`);',
    '  throw new InputError(`${file.name}: ${messageOf(err)}`);',
    '}',
  ].join('\n');
  const entries = catalog(code, 'src/ingest/thing.ts');

  test('finds each site with its kind and line, and skips a wrapper that only adds a location', () => {
    expect(entries.map((e) => [e.kind, e.line, e.message])).toEqual([
      ['error', 3, '<file>: no samples; set format to one of: a | b'],
      ['error', 4, '<file>: the zip has no entry header.json'],
      ['warning', 5, '<file>: skipped 3 lines'],
    ]);
  });

  test('a message without a fix goes to the "to improve" list, with its place', () => {
    expect(withoutFix(entries).map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      'src/ingest/thing.ts:4: <file>: the zip has no entry header.json',
      'src/ingest/thing.ts:5: <file>: skipped 3 lines',
    ]);
    const page = renderDoc(entries);
    const improve = page.slice(page.indexOf('## Messages without a fix (to improve)'));
    expect(improve).toContain('`<file>: the zip has no entry header.json`');
    expect(improve).not.toContain('no samples');
  });

  test('a pipe inside a message is escaped in both cells, so the row keeps three cells', () => {
    const row = renderDoc(entries)
      .split('\n')
      .find((line) => line.includes('no samples'));
    expect(row).toBeDefined();
    expect(row).toContain('`<file>: no samples; set format to one of: a \\| b`');
    expect(cells(row!)).toEqual([
      '*error* `<file>: no samples; set format to one of: a \\| b`',
      '[src/ingest/thing.ts:3](../src/ingest/thing.ts#L3)',
      'set format to one of: a \\| b',
    ]);
  });

  test('the page does not depend on the order entries come in', () => {
    const reversed: Entry[] = [...entries].reverse();
    expect(renderDoc(reversed)).toBe(renderDoc(entries));
  });

  test('sources of warnings and notices: core.warning/notice (also through a choice of function), reasons and pushed warnings', () => {
    const src = [
      'function warnAll() {',
      '  (fork ? core.notice : core.info)(`tailgate: PR comment skipped: ${result.reason}`);',
      "  core.warning('the API is slow; re-run the job');",
      '  located.warnings.push(`baseline: compared with run #${n} instead.`);',
      "  return { kind: 'missing', reason: `no file in ${where} matches ${glob}` };",
      '}',
    ].join('\n');
    expect(catalog(src, 'src/x.ts').map((e) => [e.kind, e.message, e.fix, e.delegated])).toEqual([
      ['notice', 'tailgate: PR comment skipped: <reason>', null, true],
      ['warning', 'the API is slow; re-run the job', 're-run the job', false],
      ['warning', 'baseline: compared with run #<n> instead.', null, false],
      ['detail', 'no file in <where> matches <glob>', null, false],
    ]);
  });

  test('a message built by a named helper is expanded per return, and a helper call fills in its parameters', () => {
    const src = [
      'function describeFailure(step: string, status: number): string {',
      '  if (status === 401) return `${step} failed: GitHub rejected the token; check \\`github-token\\``;',
      '  return `${step} failed: ${status}`;',
      '}',
      'const fail = (e: unknown) => ({ warning: `PR comment not posted: ${describeFailure(step, e)}` });',
      'const required = (name: string, what: string) => { throw new InputError(`Input \\`${name}\\` is required: ${what}.`); };',
      "required('deployment-volume', 'give the number of queries n');",
    ].join('\n');
    const rows = catalog(src, 'src/y.ts').map((e) => [e.kind, e.line, e.message, e.via?.line]);
    expect(rows).toEqual([
      ['warning', 5, 'PR comment not posted: <step> failed: GitHub rejected the token; check `github-token`', 2],
      ['warning', 5, 'PR comment not posted: <step> failed: <status>', 3],
      ['error', 6, 'Input `deployment-volume` is required: give the number of queries n.', 7],
    ]);
  });

  test('own Error subclasses count; RangeError and "internal:" messages are invariant checks', () => {
    const src = [
      'class ContextError extends Error {}',
      "throw new ContextError('not running in GitHub Actions; run it as a step');",
      'throw new RangeError(`cannot format ${x}`);',
      "throw new Error('internal: no such input');",
    ].join('\n');
    const rows = catalog(src, 'src/z.ts', indexProject([{ path: 'src/z.ts', text: src }]));
    expect(rows.map((e) => [e.message, e.internal])).toEqual([
      ['not running in GitHub Actions; run it as a step', false],
      ['cannot format <x>', true],
      ['internal: no such input', true],
    ]);
    expect(withoutFix(rows)).toEqual([]);
  });
});

describe('Markdown cells', () => {
  test('a message with backticks gets a longer fence, padded when it starts or ends with one', () => {
    expect(codeCell('Input `x` is bad')).toBe('``Input `x` is bad``');
    expect(codeCell('`x` | y`')).toBe('`` `x` \\| y` ``');
  });

  test('fix text keeps its code spans and escapes the rest, every pipe included', () => {
    expect(textCell('set `a|b` to <n> or a|b|c')).toBe('set `a\\|b` to \\<n\\> or a\\|b\\|c');
  });
});
