// Last step of `npm run build`: records which sources dist/ was built from
// (scripts/lib/source-hash.mjs), for the e2e tests' staleness check.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceHash, STAMP_PATH } from './lib/source-hash.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
writeFileSync(new URL(STAMP_PATH, new URL('../', import.meta.url)), `${sourceHash(root)}\n`);
