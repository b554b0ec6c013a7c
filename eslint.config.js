// ESLint 9 flat config (ESM: package.json has "type": "module").
// See https://eslint.org/docs/latest/use/configure/configuration-files and
// https://typescript-eslint.io/getting-started/typed-linting/
//
// Versions are pinned in package.json (docs/development.md, "Toolchain pins"): eslint 9.39.x, @eslint/js 9.39.x,
// typescript-eslint 8.73 (which accepts TypeScript < 6.1). Unpinned installs pull ESLint 10.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

export default defineConfig(
  // Flat config has no .eslintignore: global ignores live here. Fixtures and goldens are
  // data recorded from real tools or rendered on purpose, never code we lint.
  globalIgnores(['dist/', 'node_modules/', 'coverage/', '__tests__/fixtures/', '__tests__/golden/']),

  js.configs.recommended,

  // Typed rules for TypeScript only. recommendedTypeChecked rather than strictTypeChecked:
  // strict also bans numbers in template literals and `!` non-null assertions, which our
  // renderers and tests use on purpose; the no-unsafe-* rules it shares with recommended
  // are what catch raw JSON (`any`) flowing into our model without a runtime check.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The project service reads tsconfig.json, which includes src and __tests__.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_name` marks a parameter a port or callback signature requires but this body ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // STYLE §11: `return await` inside try, so the catch sees async failures.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },

  // The dependency rules of docs/design.md, "The dependency rules", one config object per folder
  // (a later object replaces an earlier one's options for the same rule, so each folder's object holds
  // all of its restrictions). __tests__/architecture/ proves that a forbidden import fails.
  ...boundaries,

  // Untrusted text (file, artifact and behaviour names, query ids, API answers) reaches the runner's log
  // only through src/action/log.ts, which redacts secrets and neutralises workflow commands (safe-log.ts);
  // the CLI's writers go through the same function (src/cli/main.ts). docs/security.md.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/action/log.ts', 'src/action/secrets.ts'],
    rules: {
      'no-console': 'error',
      // The runner protocol's log functions (a namespace import counts), and @actions/core's own.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@actions/core', message: 'the runner protocol is src/action/runner.ts; log through src/action/log.ts' }],
          patterns: [
            {
              regex: '(^|/)runner\\.js$',
              importNames: ['info', 'warning', 'error', 'notice', 'debug', 'setFailed', 'setSecret'],
              message: 'log through src/action/log.ts, which redacts secrets and neutralises workflow commands',
            },
          ],
        },
      ],
    },
  },

  // Tests read raw fixtures with JSON.parse and patch them in place to build bad input, and
  // jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`. Typing
  // every patched fixture would add casts, not safety; product code keeps both rules. Fakes
  // implement async ports with synchronous bodies on purpose.
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },

  // Tests start node only through __tests__/helpers/spawn.ts: it passes an explicit environment (nothing
  // leaks in from an outer runner) and refuses a bundle built from other sources than src/.
  {
    files: ['__tests__/**/*.ts'],
    ignores: ['__tests__/helpers/spawn.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['child_process', 'node:child_process'].map((name) => ({
            name,
            importNames: ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'fork'],
            message: 'start node through __tests__/helpers/spawn.ts (explicit env, bundle freshness check)',
          })),
        },
      ],
    },
  },

  // Plain JavaScript (scripts/, bench/, this file, jest.config.js) runs on Node and is not in
  // tsconfig's program, so it gets the untyped rules and Node's globals.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: globals.node,
      sourceType: 'module',
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // Published constants (Wichura's AS241 coefficients, Gauss–Kronrod nodes and weights) are
  // copied digit for digit from their sources so a reader can check them; JavaScript rounds
  // each literal to the nearest double, which is the intended value.
  {
    files: ['src/forecast/numerics/normal-quantile.ts', 'src/forecast/numerics/quadrature.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
);
