/**
 * Preloaded with `node --import` when GNU time is not available: on exit,
 * writes this process's peak RSS (process.resourceUsage().maxRSS, KiB) to the
 * file named by BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
