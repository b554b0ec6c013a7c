// Prints the README's input and output tables from action.yml, so the docs are
// generated from the one source of truth (a test compares them with README.md).
// Usage: node scripts/action-tables.mjs (print), node scripts/readme-tables.mjs (rewrite README.md)
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function actionTables(actionYml) {
  const action = parse(actionYml);
  const cell = (text) =>
    String(text ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ')
      .trim();
  const inputs = Object.entries(action.inputs).map(
    ([name, spec]) =>
      `| \`${name}\` | ${spec.required ? 'yes' : 'no'} | ${spec.default === undefined ? '' : `\`${cell(spec.default)}\``} | ${cell(spec.description)} |`,
  );
  const outputs = Object.entries(action.outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`);
  return {
    inputs: ['| Input | Required | Default | Description |', '|---|---|---|---|', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '|---|---|', ...outputs].join('\n'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tables = actionTables(readFileSync(new URL('../action.yml', import.meta.url), 'utf8'));
  console.log(tables.inputs);
  console.log();
  console.log(tables.outputs);
}
