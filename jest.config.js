/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking runs once in `npm run typecheck`; with isolatedModules ts-jest only transpiles.
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
  // Builds dist/ once: the worker pool's threads run compiled JavaScript.
  globalSetup: '<rootDir>/test/global-setup.js',
  maxWorkers: 2,
};
