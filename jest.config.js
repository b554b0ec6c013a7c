// ESM + ts-jest (docs/development.md). ts-jest does not type-check in ESM mode, so
// `npm test` (scripts/test.mjs) runs `tsc --noEmit` beside jest.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['<rootDir>/jest.transform.cjs', { useESM: true, diagnostics: false }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  // One worker per core. Jest's default (cores − 1) leaves a core idle while the end-to-end files wait on
  // the bundles they spawn; more workers than cores was slower still on the 2-core development machine
  // (1 min 48 s and 187 s of CPU at three workers against 1 min 19 s and 126 s at two): each worker
  // loads and transpiles the modules again and simulates the interval's laws again, and the spawned
  // bundles compete for the same cores (docs/development.md has the measured time).
  maxWorkers: '100%',
};
