/**
 * Every Mermaid block of every golden parses with the real `mermaid` package
 * (the version GitHub renders with, 11.x), so no comment shows a "Syntax
 * error" box where its chart should be. mermaid sanitises titles with
 * DOMPurify, which needs a DOM: happy-dom gives it one in node, which is much
 * faster than a browser (about 1.5 s to load, a few ms per block).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/** The text of each ```mermaid fence in a Markdown file. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

const goldens = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((file) => ({ file, blocks: mermaidBlocks(readFileSync(join(GOLDEN, file), 'utf8')) }));

type Parse = (text: string) => Promise<unknown>;
let parse: Parse;
let closeWindow: () => Promise<void>;

beforeAll(async () => {
  const { Window } = await import('happy-dom');
  const win = new Window();
  // DOMPurify binds to the global window when mermaid loads: set it first.
  Object.assign(globalThis, { window: win, document: win.document });
  const mermaid = (await import('mermaid')).default;
  parse = (text) => mermaid.parse(text);
  closeWindow = () => win.happyDOM.close();
}, 30_000);

afterAll(async () => {
  await closeWindow();
});

test('the goldens hold Mermaid blocks to check (a chart in every forecast comment and summary)', () => {
  const withChart = goldens.filter((g) => g.blocks.length > 0).map((g) => g.file);
  expect(withChart).toEqual(expect.arrayContaining(['fail.comment.md', 'fail.summary.md', 'pass.comment.md', 'baseline.summary.md']));
});

test('the parser rejects what GitHub would show as a syntax error (an exponent in the data)', async () => {
  await expect(parse('xychart-beta\n  x-axis ["1k", "10k"]\n  line [1, 2e3]')).rejects.toThrow(/Parse error/);
});

describe.each(goldens.filter((g) => g.blocks.length > 0))('$file', ({ blocks }) => {
  test.each(blocks.map((text, i) => [i + 1, text]))('block %i parses as an xychart', async (_i, text) => {
    await expect(parse(text as string)).resolves.toMatchObject({ diagramType: 'xychart' });
  });
});
