// Which folder of src/ may import which (docs/design.md, "The dependency rules"), as
// `no-restricted-imports` per folder. Relative specifiers are matched by regular expressions, so a
// rule holds at every depth ('../github/x.js', '../../github/x.js', './github/x.js').
//
// - Everything may import domain/; domain/ imports nothing.
// - The core (config/, ingest/, forecast/, decisions/, gate/, report/, pipeline.ts) never imports
//   @actions/*, a network client, node:fs (files come from sources/ as byte sources), github/,
//   sources/, action/ or cli/: it runs the same in a test, the CLI and the action.
// - forecast/ (the paper), gate/ and report/ read domain/ only: none can reach back into how a number
//   was computed or a rule was resolved. decisions/ may use forecast/.
// - sources/ never imports github/, action/ or cli/: it is reached from main.ts and the CLI.
// - github/ never imports action/ or cli/: it is handed its log functions, so the edge has no cycle.

const FS = ['fs', 'fs/promises', 'node:fs', 'node:fs/promises'].map((name) => ({
  name,
  message: 'the core reads no file: sources/ hands it byte sources, opened under the workspace rule (docs/security.md)',
  allowTypeImports: true,
}));

const RUNNER = {
  group: ['@actions/*', '@octokit/*'],
  message: 'the core never talks to the runner or GitHub: main.ts and github/ do, with the client passed in',
};

/** Relative imports out of a folder `depth` levels below src/, except into domain/ (and `allowed`). */
function onlyDomain(depth, allowed = []) {
  const up = '\\.\\./'.repeat(depth);
  const keep = ['domain', ...allowed].join('|');
  return {
    regex: `^${up}(?!(${keep})/)`,
    caseSensitive: true,
    message: 'this folder reads domain/ only (docs/design.md, "The dependency rules")',
  };
}

const EDGES = {
  regex: '^(\\.\\.?/)+(github|sources|action|cli)/|^(\\.\\.?/)+(main|cli)\\.js$',
  caseSensitive: true,
  message: 'the core is reached by the edges, never the other way: main.ts and cli/ wire github/ and sources/ in',
};

const restrict = (files, patterns, paths = FS) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns: [RUNNER, ...patterns] }] },
});

export const boundaries = [
  restrict(
    ['src/domain/**/*.ts'],
    [{ regex: '^\\.\\./', caseSensitive: true, message: 'domain/ imports nothing: it is the shared vocabulary' }],
  ),
  restrict(['src/config/**/*.ts', 'src/ingest/**/*.ts', 'src/decisions/**/*.ts', 'src/pipeline.ts'], [EDGES]),
  restrict(['src/forecast/*.ts', 'src/gate/*.ts', 'src/report/*.ts'], [onlyDomain(1)]),
  restrict(['src/forecast/*/*.ts', 'src/report/*/*.ts'], [onlyDomain(2)]),
  {
    files: ['src/github/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\.?/)+(action|cli)/|^(\\.\\.?/)+(main|cli)\\.js$',
              caseSensitive: true,
              message: 'github/ is handed what it needs (the client, the log functions); it never reaches back into action/ or cli/',
            },
          ],
        },
      ],
    },
  },
  restrict(['src/sources/**/*.ts'], [{ ...EDGES, regex: '^(\\.\\.?/)+(github|action|cli)/|^(\\.\\.?/)+(main|cli)\\.js$' }], []),
];
