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
  // On the 2-core development machine jest's default (cores − 1) runs one file at a time. The end-to-end
  // files spend much of their time waiting on the bundles they spawn and on local fake servers, so one and
  // a half workers per core keep every core busy (README, "Development", has the measured time).
  maxWorkers: '150%',
};
