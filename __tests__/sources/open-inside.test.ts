/**
 * The one way source files are opened (src/ingest/open-inside.ts): the real
 * path must lie inside the root when the file is opened, and the descriptor
 * must still hold a regular file inside the root afterwards.
 */
import { execFileSync } from 'node:child_process';
import { fstatSync, mkdirSync, mkdtempSync, openSync, closeSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/domain/errors.js';
import type { LocatedFile as SourceFile } from '../../src/sources/file-source.js';
import { openInside, readInsideSync, verifyOpened } from '../../src/sources/open-inside.js';

let ws: string;
let outside: string;
beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'tailgate-open-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'tailgate-open-out-'));
  writeFileSync(join(ws, 'in.jsonl'), 'inside\n');
  writeFileSync(join(outside, 'secret.jsonl'), 'secret\n');
  mkdirSync(join(ws, 'dir'));
  symlinkSync(join(outside, 'secret.jsonl'), join(ws, 'out.jsonl'));
  symlinkSync(outside, join(ws, 'evals'));
  execFileSync('mkfifo', [join(ws, 'pipe.jsonl')]);
});
afterAll(() => {
  rmSync(ws, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const file = (rel: string): SourceFile => ({ path: join(ws, rel), name: rel, root: ws });
const errorOf = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('openInside', () => {
  test('opens a regular file inside the root', async () => {
    const handle = await openInside(file('in.jsonl'));
    try {
      expect(await handle.readFile('utf8')).toBe('inside\n');
    } finally {
      await handle.close();
    }
  });

  // [case, path, the link, its target below `outside`]
  test.each([
    ['a file link', 'out.jsonl', 'out.jsonl', 'secret.jsonl'],
    ['a directory link', 'evals/secret.jsonl', 'evals', ''],
  ])('refuses %s that leads outside, naming the link', async (_case, rel, link, target) => {
    const err = await errorOf(openInside(file(rel)));
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toContain(`${rel}: the file, but the link ${link} -> ${join(outside, target)} takes it outside`);
  });

  test('a FIFO is refused at once instead of blocking the run', async () => {
    const err = await errorOf(openInside(file('pipe.jsonl')));
    expect(String(err)).toContain('pipe.jsonl: not a regular file (a FIFO, socket or device)');
  });

  test('a directory is refused by name', async () => {
    expect(String(await errorOf(openInside(file('dir'))))).toContain('dir: is a directory, not a file');
  });

  test('a missing file is the fs error, for the caller to word', async () => {
    const err = await errorOf(openInside(file('gone.jsonl')));
    expect(err).not.toBeInstanceOf(InputError);
    expect(String(err)).toContain('ENOENT');
  });
});

describe('verifyOpened: what a race between the check and the open would leave', () => {
  test('a descriptor that holds a file outside the root is refused', async () => {
    // As if `in.jsonl`'s directory had been swapped for a link to `outside` after the real-path check.
    const fd = openSync(join(outside, 'secret.jsonl'), 'r');
    try {
      const real = { path: realpathSync(join(ws, 'in.jsonl')), root: realpathSync(ws) };
      const err = await errorOf(verifyOpened(fd, fstatSync(fd), real, file('in.jsonl')));
      expect(err).toBeInstanceOf(InputError);
      expect(String(err)).toContain('in.jsonl: the file changed while it was being opened and now lies outside');
    } finally {
      closeSync(fd);
    }
  });

  test('without /proc: a descriptor whose file is not the one the real path leads to is refused', async () => {
    const fd = openSync(join(outside, 'secret.jsonl'), 'r');
    const noProc = () => Promise.resolve(null);
    try {
      const real = { path: realpathSync(join(ws, 'in.jsonl')), root: realpathSync(ws) };
      const err = await errorOf(verifyOpened(fd, fstatSync(fd), real, file('in.jsonl'), noProc));
      expect(String(err)).toContain('in.jsonl: the file changed while it was being opened');
    } finally {
      closeSync(fd);
    }
    const same = openSync(join(ws, 'in.jsonl'), 'r');
    try {
      const real = { path: realpathSync(join(ws, 'in.jsonl')), root: realpathSync(ws) };
      await expect(verifyOpened(same, fstatSync(same), real, file('in.jsonl'), noProc)).resolves.toBeUndefined();
    } finally {
      closeSync(same);
    }
  });

  test('a descriptor that holds the checked file passes', async () => {
    const fd = openSync(join(ws, 'in.jsonl'), 'r');
    try {
      const real = { path: realpathSync(join(ws, 'in.jsonl')), root: realpathSync(ws) };
      await expect(verifyOpened(fd, fstatSync(fd), real, file('in.jsonl'))).resolves.toBeUndefined();
    } finally {
      closeSync(fd);
    }
  });
});

describe('readInsideSync', () => {
  const tooBig = (size: number) => new InputError(`too big: ${size}`);

  test('reads a small file inside the root', () => {
    expect(readInsideSync(file('in.jsonl'), 100, tooBig).toString('utf8')).toBe('inside\n');
  });

  test('refuses a link out, naming it, and a file over the bound', () => {
    expect(() => readInsideSync(file('out.jsonl'), 100, tooBig)).toThrow(
      `but the link out.jsonl -> ${join(outside, 'secret.jsonl')} takes it outside`,
    );
    expect(() => readInsideSync(file('in.jsonl'), 3, tooBig)).toThrow('too big: 7');
  });
});
