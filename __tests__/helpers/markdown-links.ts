/**
 * Checks the links of Markdown pages the way GitHub renders them, with no network: a relative link
 * must name a file or folder of the repository, an image must exist, and a `#fragment` must be a
 * heading anchor of the target page (GitHub's slug rules) or, on a source file, a line (`#L12`,
 * `#L12-L20`) the file has. External links (`https:`, `mailto:`) are not followed.
 *
 * The check is a pure function over a view of the repository, so its rules can be tested on pages
 * written in the test, and run on the real tree with `fsRepo`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** What the checker may ask of the repository: paths are relative to its root, with `/`. */
export interface RepoView {
  kind(path: string): 'file' | 'dir' | null;
  read(path: string): string;
}

export interface Link {
  /** 1-based line of the page the link is on. */
  line: number;
  target: string;
}

/**
 * GitHub's anchor for a heading (the github-slugger rules): lower case; every character that is not
 * a letter, a mark, a digit, `_`, `-` or a space dropped (punctuation, symbols, emoji); each space a
 * hyphen. `text` is the heading as rendered, so Markdown syntax must be gone already (`plainHeading`).
 */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The text GitHub renders for a heading's source: code spans, links, emphasis, escapes and HTML tags unwrapped. */
export function plainHeading(source: string): string {
  return source
    .replace(/\s+#+\s*$/, '') // closing hashes of an ATX heading
    .replace(/(`+)(.+?)\1/g, (_m, _ticks: string, code: string) => code.trim())
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/(\*{1,3})(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|\W)_{1,3}(?=\S)(.+?)(?<=\S)_{1,3}(?=\W|$)/g, '$1$2')
    .trim();
}

/** Lines of a page outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const opener = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (fence !== null) {
      if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length && raw.trim() === opener[1]) fence = null;
      return;
    }
    if (opener) {
      fence = opener[1];
      return;
    }
    out.push({ line: i + 1, text: raw });
  });
  return out;
}

/** A line with its code spans removed: a run of n backticks opens one, the next run of exactly n closes it. */
export function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const open = /`+/.exec(line.slice(i));
    if (open === null) break;
    const start = i + open.index;
    const ticks = open[0];
    let close = -1;
    const closer = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
    closer.lastIndex = start + ticks.length;
    const found = closer.exec(line);
    if (found !== null) close = found.index;
    if (close < 0) {
      out += line.slice(i, start + ticks.length);
      i = start + ticks.length;
      continue;
    }
    out += line.slice(i, start);
    i = close + ticks.length;
  }
  return out + line.slice(i);
}

/** Every anchor a page defines: its headings' slugs (repeats numbered -1, -2, …) and `<a id|name="…">`. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const base = githubSlug(plainHeading(heading[1]));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** The links of a page: inline links and images, reference definitions, and HTML `href`/`src`, outside code. */
export function linksOf(text: string): Link[] {
  const links: Link[] = [];
  for (const { line, text: raw } of proseLines(text)) {
    const prose = withoutCodeSpans(raw);
    for (const m of prose.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line, target: m[1].replace(/^<|>$/g, '') });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(prose);
    if (definition) links.push({ line, target: definition[1] });
    for (const m of prose.matchAll(/\b(?:href|src)="([^"]+)"/g)) links.push({ line, target: m[1] });
  }
  return links;
}

/** Why `link` on the page at `page` does not resolve in `repo`, or null when it does. */
export function problemOf(page: string, link: Link, repo: RepoView): string | null {
  const { target } = link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // https:, mailto:: not followed offline
  if (target.startsWith('//')) return 'a protocol-relative URL; write https://';
  const hash = target.indexOf('#');
  const pathPart = hash < 0 ? target : target.slice(0, hash);
  const fragment = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  let path = page;
  if (pathPart !== '') {
    const decoded = decodeURIComponent(pathPart);
    path = posix.normalize(decoded.startsWith('/') ? decoded.slice(1) : posix.join(posix.dirname(page), decoded)).replace(/\/$/, '');
    if (path === '..' || path.startsWith('../')) return 'points outside the repository';
  }
  const kind = path === '.' || path === '' ? 'dir' : repo.kind(path);
  if (kind === null) return `no file or folder ${path}`;
  if (fragment === null || fragment === '') return null;
  if (kind === 'dir') return `#${fragment} on a folder`;
  if (path.endsWith('.md')) {
    return anchorsOf(repo.read(path)).has(fragment) ? null : `no heading with the anchor #${fragment} in ${path}`;
  }
  const lines = /^L(\d+)(?:-L(\d+))?$/.exec(fragment);
  if (lines === null) return `#${fragment} on ${path}, which is not a Markdown page (only #L<line> anchors work there)`;
  const last = Math.max(Number(lines[1]), Number(lines[2] ?? 0));
  const count = repo.read(path).split('\n').length;
  return last >= 1 && last <= count ? null : `${path} has ${count} lines, not line ${last}`;
}

/** Every broken link of the given pages, as `page:line: target: why`. */
export function brokenLinks(pages: readonly string[], repo: RepoView): string[] {
  return pages.flatMap((page) =>
    linksOf(repo.read(page)).flatMap((link) => {
      const problem = problemOf(page, link, repo);
      return problem === null ? [] : [`${page}:${link.line}: ${link.target}: ${problem}`];
    }),
  );
}

/** The repository on disk under `root`. */
export function fsRepo(root: string): RepoView {
  return {
    kind(path) {
      const full = join(root, path);
      if (!existsSync(full)) return null;
      return statSync(full).isDirectory() ? 'dir' : 'file';
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
  };
}

/** The Markdown pages under `dir` (relative to `root`), recursively, sorted. */
export function markdownUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => posix.join(posix.relative(root, entry.parentPath).split('\\').join('/'), entry.name))
    .sort();
}
