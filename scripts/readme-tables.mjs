// Rewrites the input/output tables in README.md from action.yml (between the
// <!-- inputs:start/end --> and <!-- outputs:start/end --> markers).
import { readFileSync, writeFileSync } from 'node:fs';
import { actionTables } from './action-tables.mjs';

const root = new URL('../', import.meta.url);
const tables = actionTables(readFileSync(new URL('action.yml', root), 'utf8'));
const readme = readFileSync(new URL('README.md', root), 'utf8');
const put = (text, name, table) =>
  text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${table}\n$2`);
writeFileSync(new URL('README.md', root), put(put(readme, 'inputs', tables.inputs), 'outputs', tables.outputs));
