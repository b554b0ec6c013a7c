/**
 * Runs a command as a child process and measures its wall time (in the
 * parent, spawn to exit) and its peak RSS. Peak RSS comes from GNU time
 * (`/usr/bin/time -o FILE -f %M`, outside the child) when it works here,
 * else from a `--import` hook inside the child (bench/lib/maxrss-hook.mjs).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HOOK = fileURLToPath(new URL('./maxrss-hook.mjs', import.meta.url));

function gnuTimeWorks() {
  try {
    execFileSync('/usr/bin/time', ['-o', '/dev/null', '-f', '%M', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const RSS_METHOD = gnuTimeWorks() ? 'GNU time' : 'process.resourceUsage() hook';

let counter = 0;

/**
 * One run of `node args…`. Resolves to { ms, rssKB, stdout, stderr, code }.
 * `env` replaces the environment (plus PATH), so an outer runner's INPUT_* and
 * GITHUB_* never leak in.
 */
export function runNode(args, { env = {}, cwd, tmp }) {
  const rssFile = join(tmp, `rss-${process.pid}-${counter++}.txt`);
  const childEnv = { PATH: process.env.PATH ?? '', ...env };
  let file = process.execPath;
  let argv = args;
  if (RSS_METHOD === 'GNU time') {
    file = '/usr/bin/time';
    argv = ['-o', rssFile, '-f', '%M', process.execPath, ...args];
  } else {
    argv = ['--import', HOOK, ...args];
    childEnv.BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let rssKB = NaN;
      try {
        rssKB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        rmSync(rssFile, { force: true });
      } catch {
        // no RSS figure (the child died before writing it): reported as n/a
      }
      resolve({ ms, rssKB, stdout, stderr, code });
    });
  });
}

/** Throws with the child's stderr unless it exited with `expected`. */
export function check(run, what, expected = 0) {
  if (run.code !== expected) throw new Error(`${what}: exit code ${run.code}, expected ${expected}\n${run.stderr.slice(0, 2000)}`);
  return run;
}

/**
 * `repeat` rounds of the commands run round-robin (so drift in machine load
 * hits all of them), keeping each one's fastest time (the least disturbed
 * run) and largest peak RSS.
 */
export async function compareRuns(commands, repeat) {
  const best = commands.map(() => ({ ms: Infinity, rssKB: 0 }));
  for (let r = 0; r < repeat; r++) {
    for (const [i, run] of commands.entries()) {
      const result = await run();
      best[i].ms = Math.min(best[i].ms, result.ms);
      best[i].rssKB = Math.max(best[i].rssKB, result.rssKB);
    }
  }
  return best;
}
