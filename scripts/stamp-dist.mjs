// Last step of `npm run build`: records which sources dist/ was built from and which bundles the
// build wrote (scripts/lib/source-hash.mjs), for the e2e tests' staleness check.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRecord, STAMP_PATH } from './lib/source-hash.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
writeFileSync(join(root, STAMP_PATH), buildRecord(root));
