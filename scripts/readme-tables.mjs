// Regenerates the two copies of action.yml's input docs:
// - the input/output tables in README.md (between <!-- inputs/outputs:start/end --> markers);
// - src/cli/input-docs.ts, the CLI's --help text (action.yml is not bundled).
// Tests (docs-action, cli-help) fail when either copy drifts. Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parse } from 'yaml';
import { actionTables } from './action-tables.mjs';

const root = new URL('../', import.meta.url);
const actionYml = readFileSync(new URL('action.yml', root), 'utf8');
const tables = actionTables(actionYml);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const put = (text, name, table) => text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${table}\n$2`);
writeFileSync(new URL('README.md', root), put(put(readme, 'inputs', tables.inputs), 'outputs', tables.outputs));

const docsPath = new URL('src/cli/input-docs.ts', root);
const docs = readFileSync(docsPath, 'utf8');
const head = docs.slice(0, docs.indexOf('export const INPUT_DESCRIPTIONS')).replace(/^import type \{ InputName \}.*\n/m, '');
const inputs = Object.entries(parse(actionYml).inputs).filter(([name]) => name !== 'github-token');
const entries = inputs.map(
  ([name, spec]) => `  ${/^[a-z]+$/.test(name) ? name : `'${name}'`}: ${JSON.stringify(spec.description.trim())},`,
);
// Formatted with the project's Prettier settings, so `npm run format:check` passes on the generated file.
const source = `${head}export const INPUT_DESCRIPTIONS: Readonly<Partial<Record<string, string>>> = {\n${entries.join('\n')}\n};\n`;
const file = fileURLToPath(docsPath);
const options = { ...(await prettier.resolveConfig(file)), filepath: file };
writeFileSync(docsPath, await prettier.format(source, options));
