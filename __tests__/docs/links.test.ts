/**
 * Every link in README.md and docs/**: relative links name files of the repository, `#anchors`
 * exist in their target, images exist. No network: external links are not followed.
 *
 * The rules are proved on pages written here first (each must bite), then run on the real pages.
 * Expected slugs are GitHub's, read off the anchors GitHub gives these headings (github-slugger:
 * lower case, punctuation and emoji dropped, spaces to hyphens, repeats numbered from -1).
 */
import { fileURLToPath } from 'node:url';
import {
  anchorsOf,
  brokenLinks,
  fsRepo,
  githubSlug,
  linksOf,
  markdownUnder,
  plainHeading,
  withoutCodeSpans,
  type RepoView,
} from '../helpers/markdown-links.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A repository held in memory: files by path; folders are every prefix of a path. */
function memoryRepo(files: Record<string, string>): RepoView {
  return {
    kind(path) {
      if (path in files) return 'file';
      return Object.keys(files).some((f) => f.startsWith(`${path}/`)) ? 'dir' : null;
    },
    read(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
  };
}

describe('GitHub heading anchors', () => {
  test.each([
    ['Versioning and releases', 'versioning-and-releases'],
    ['Several formats in one gate: the policy `files:` section', 'several-formats-in-one-gate-the-policy-files-section'],
    ['Fork pull requests through `workflow_run`', 'fork-pull-requests-through-workflow_run'],
    ['Choosing a red-teaming source (paper §6)', 'choosing-a-red-teaming-source-paper-6'],
    ['❌ tailgate: fail', '-tailgate-fail'],
    ['harmful\\-advice', 'harmful-advice'],
    ['Reading the numbers — and when not to trust them', 'reading-the-numbers--and-when-not-to-trust-them'],
    ['Inspect AI (`.eval` and `.json` logs)', 'inspect-ai-eval-and-json-logs'],
    ['The **bold** and [linked](x.md) words', 'the-bold-and-linked-words'],
    ['Q_p(n) and the 1/n quantile', 'q_pn-and-the-1n-quantile'],
  ])('%s → #%s', (heading, slug) => {
    expect(githubSlug(plainHeading(heading))).toBe(slug);
  });

  test('a repeated heading gets -1, -2; headings in code blocks do not count; <a id> does', () => {
    const page = ['# Title', '## Chart', '```md', '## Not a heading', '```', '## Chart', '### Chart', '<a id="kept"></a>'].join('\n');
    expect([...anchorsOf(page)].sort()).toEqual(['chart', 'chart-1', 'chart-2', 'kept', 'title']);
  });
});

describe('reading links', () => {
  test('inline links, images, reference definitions and HTML attributes; not code', () => {
    const page = [
      'See [the guide](docs/a.md#part) and ![a picture](docs/p.png "title").',
      '`[not a link](nowhere.md)` and ``a `[tick](x.md)` inside``, then [after](b.md)',
      '```sh',
      '[in a fence](fence.md)',
      '```',
      '[ref]: docs/ref.md',
      '<img src="docs/q.png"> <a href="c.md">c</a>',
    ].join('\n');
    expect(linksOf(page)).toEqual([
      { line: 1, target: 'docs/a.md#part' },
      { line: 1, target: 'docs/p.png' },
      { line: 2, target: 'b.md' },
      { line: 6, target: 'docs/ref.md' },
      { line: 7, target: 'docs/q.png' },
      { line: 7, target: 'c.md' },
    ]);
  });

  test('code spans close only on a run of the same length', () => {
    expect(withoutCodeSpans('a `x` b ``y ` z`` c `unclosed')).toBe('a  b  c `unclosed');
  });
});

describe('resolving links', () => {
  const files: Record<string, string> = {
    'README.md': '# Project\n## Quick start\n',
    'docs/guide.md': '# Guide\n## Set up\n## Set up\n',
    'docs/img.png': 'png',
    'src/main.ts': 'one\ntwo\nthree\n',
    'examples/workflows/a.yml': 'on: push\n',
  };
  /** The problems of one page holding one link to `target`, in the repository above. */
  const check = (page: string, target: string): string[] => brokenLinks([page], memoryRepo({ ...files, [page]: `[x](${target})\n` }));

  test.each([
    ['docs/page.md', 'guide.md'],
    ['docs/page.md', '../README.md#quick-start'],
    ['docs/page.md', 'guide.md#set-up-1'],
    ['docs/page.md', 'img.png'],
    ['docs/page.md', '../examples/workflows/'],
    ['docs/page.md', '../src/main.ts#L2'],
    ['docs/page.md', '../src/main.ts#L1-L3'],
    ['docs/page.md', 'https://example.com/missing#nowhere'],
    ['README.md', 'docs/guide.md#set-up'],
    ['README.md', '/docs/guide.md'],
  ])('%s: %s resolves', (page, target) => {
    expect(check(page, target)).toEqual([]);
  });

  test.each([
    ['docs/page.md', 'guid.md', 'no file or folder docs/guid.md'],
    ['docs/page.md', 'guide.md#setup', 'no heading with the anchor #setup in docs/guide.md'],
    ['docs/page.md', 'guide.md#set-up-2', 'no heading with the anchor #set-up-2 in docs/guide.md'],
    ['docs/page.md', 'README.md', 'no file or folder docs/README.md'],
    ['docs/page.md', '../../outside.md', 'points outside the repository'],
    ['docs/page.md', '../src/main.ts#L9', 'src/main.ts has 4 lines, not line 9'],
    ['docs/page.md', '../src/main.ts#top', 'not a Markdown page'],
    ['docs/page.md', '../examples/#a', '#a on a folder'],
    ['README.md', '#install', 'no heading with the anchor #install in README.md'],
  ])('%s: %s is broken (%s)', (page, target, why) => {
    const problems = check(page, target);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${page}:1: ${target}: `);
    expect(problems[0]).toContain(why);
  });
});

describe('the repository’s pages', () => {
  const repo = fsRepo(root);
  const pages = ['README.md', ...markdownUnder(root, 'docs')];

  test('cover README.md and every page under docs/, recipes included', () => {
    expect(pages).toContain('docs/method.md');
    expect(pages).toContain('docs/recipes/README.md');
  });

  test('README.md links to files of the repository (not only the web)', () => {
    const local = linksOf(repo.read('README.md')).filter((l) => !/^[a-z]+:/i.test(l.target));
    expect(local.length).toBeGreaterThanOrEqual(20);
  });

  test('every link resolves', () => {
    expect(brokenLinks(pages, repo)).toEqual([]);
  });
});
