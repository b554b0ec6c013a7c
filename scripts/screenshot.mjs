#!/usr/bin/env node
/**
 * Renders golden PR comments and job summaries the way GitHub shows them.
 *
 *   node scripts/screenshot.mjs [comment.md] [out.png]
 *     one file to a PNG (defaults: __tests__/golden/fail.comment.md → docs/comment.png)
 *   node scripts/screenshot.mjs --check
 *     every golden *.md in one headless Chromium page, every fold opened: fails when Mermaid
 *     cannot draw a chart or draws fewer charts than there are Mermaid blocks (run by .ci/run)
 *   npm run screenshots
 *     the README's pictures (docs/comment.png from the fail golden, docs/comment-pass.png from
 *     the pass golden), then --check
 *
 * Prerequisites (none of them is a dependency of the action):
 * - Node 20 or later.
 * - Chromium: Debian's package (`apt-get install -y chromium`, /usr/bin/chromium), or any
 *   Chrome/Chromium named by the CHROMIUM environment variable.
 * - devDependencies `marked` (Markdown → HTML) and `mermaid` (draws the chart; its browser
 *   bundle is loaded from node_modules over file://). Without mermaid the chart stays a code
 *   block and the script says so.
 * - Fonts: GitHub's Linux fallback is Noto Sans (`apt-get install -y fonts-noto-core
 *   fonts-noto-color-emoji` for the status emoji); otherwise the system's sans-serif is used.
 *
 * Nothing goes over the network: the page loads only file:// URLs, and Chromium runs headless
 * with background networking off and every host name mapped to "not found".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHECK = process.argv[2] === '--check';
const input = resolve(root, (CHECK ? undefined : process.argv[2]) ?? '__tests__/golden/fail.comment.md');
const output = resolve(root, (CHECK ? undefined : process.argv[3]) ?? 'docs/comment.png');
const GOLDEN = join(root, '__tests__', 'golden');
const WIDTH = 1000;
/** Virtual time Chromium grants the page's scripts (Mermaid's layout) before it captures. */
const SCRIPT_BUDGET_MS = 15000;

const require = createRequire(import.meta.url);

/** `marked` is required; its absence is a setup problem worth a clear message. */
async function loadMarked() {
  try {
    return await import('marked');
  } catch {
    throw new Error('scripts/screenshot.mjs needs the devDependency `marked`: run `npm ci` (or `npm install --no-save marked`).');
  }
}

/** The file:// URL of Mermaid's browser (IIFE) bundle, or null when mermaid is not installed. */
function mermaidBundle() {
  try {
    const pkg = require.resolve('mermaid/package.json');
    const bundle = join(dirname(pkg), 'dist', 'mermaid.min.js');
    return existsSync(bundle) ? pathToFileURL(bundle).href : null;
  } catch {
    return null;
  }
}

function chromium() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new Error('No Chromium found: `apt-get install -y chromium`, or set CHROMIUM=/path/to/chrome.');
  return found;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The comment's Markdown as GitHub-flavoured HTML; Mermaid fences become diagrams when we can draw them. */
async function renderBody(markdown, withMermaid) {
  const { Marked } = await loadMarked();
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      code(token) {
        if (token.lang !== 'mermaid' || !withMermaid) return false;
        return `<div class="mermaid-block"><pre class="mermaid">${escapeHtml(token.text)}</pre></div>\n`;
      },
    },
  });
  return marked.parse(markdown);
}

/**
 * Loads Mermaid, draws every `pre.mermaid`, then records the page height on <body> so the
 * first Chromium pass can read it from the DOM. A drawing error is recorded too, never hidden.
 */
function mermaidLoader(bundleUrl) {
  const measure = `document.body.dataset.height = String(Math.ceil(document.documentElement.getBoundingClientRect().height));`;
  if (!bundleUrl) return `<script>${measure}</script>`;
  return `<script src="${bundleUrl}"></script>
    <script>
      mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' });
      mermaid
        .run({ querySelector: 'pre.mermaid' })
        .catch((err) => { document.body.dataset.mermaidError = String(err && err.message ? err.message : err); })
        .finally(() => { ${measure} });
    </script>`;
}

function runChromium(args) {
  const profile = mkdtempSync(join(tmpdir(), 'tailgate-chromium-'));
  try {
    return execFileSync(
      chromium(),
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-default-apps',
        '--disable-extensions',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        '--mute-audio',
        '--hide-scrollbars',
        '--host-resolver-rules=MAP * ~NOTFOUND',
        '--force-device-scale-factor=1',
        `--virtual-time-budget=${SCRIPT_BUDGET_MS}`,
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page for `markdown` (one file, or several joined), from the template. */
async function pageFor(markdown, bundle) {
  const body = await renderBody(markdown, bundle !== null);
  const template = readFileSync(join(root, 'scripts', 'screenshot-template.html'), 'utf8');
  return template.replace('{{BODY}}', () => body).replace('{{MERMAID}}', () => mermaidLoader(bundle));
}

/** Writes `page` to a temporary file and runs `work(url)` on it. */
function withPage(page, work) {
  const dir = mkdtempSync(join(tmpdir(), 'tailgate-screenshot-'));
  try {
    const html = join(dir, 'page.html');
    writeFileSync(html, page);
    return work(pathToFileURL(html).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pass 1: let the scripts run, read the drawing error and the height back from the DOM. */
function drawn(url) {
  const dom = runChromium([`--window-size=${WIDTH},1200`, '--dump-dom', url]);
  const mermaidError = /data-mermaid-error="([^"]*)"/.exec(dom);
  if (mermaidError) throw new Error(`Mermaid could not draw a chart: ${mermaidError[1]}`);
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1]);
  if (!Number.isFinite(height) || height <= 0) throw new Error('The page never reported its height: did its scripts run?');
  return { dom, height };
}

async function screenshot() {
  const bundle = mermaidBundle();
  if (!bundle) console.warn('mermaid is not installed: the chart is shown as its code block (GitHub would draw it).');
  const page = await pageFor(readFileSync(input, 'utf8'), bundle);
  withPage(page, (url) => {
    const { height } = drawn(url);
    // Pass 2: the same page in a window exactly as tall as the comment.
    mkdirSync(dirname(output), { recursive: true });
    runChromium([`--window-size=${WIDTH},${height}`, `--screenshot=${output}`, url]);
    if (!existsSync(output)) throw new Error(`Chromium wrote no screenshot to ${output}`);
    console.log(`${output}: ${WIDTH}×${height}, ${Math.round(statSync(output).size / 1024)} KiB`);
  });
}

/** Every golden in one page, folds open, so one Chromium start checks them all (a few seconds, not minutes). */
async function check() {
  const bundle = mermaidBundle();
  if (!bundle) throw new Error('--check needs the devDependency `mermaid`: run `npm ci`.');
  const files = readdirSync(GOLDEN)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const blocks = files.reduce((n, f) => n + (readFileSync(join(GOLDEN, f), 'utf8').match(/^```mermaid$/gm) ?? []).length, 0);
  const markdown = files.map((f) => readFileSync(join(GOLDEN, f), 'utf8').replace(/<details>/g, '<details open>')).join('\n\n---\n\n');
  const page = await pageFor(markdown, bundle);
  const { dom, height } = withPage(page, drawn);
  const charts = (dom.match(/<svg[^>]*aria-roledescription="xychart"/g) ?? []).length;
  if (charts !== blocks) throw new Error(`Mermaid drew ${charts} charts for the ${blocks} Mermaid blocks of the goldens`);
  console.log(
    `${files.length} goldens rendered in headless Chromium (${height} px); ${charts} of ${blocks} Mermaid charts drawn, none failed.`,
  );
}

async function main() {
  await (CHECK ? check() : screenshot());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
