/**
 * Test tiers (run all with `npm test`, one with `npm run test:<tier>`):
 *   unit        specs beside the code (libs/**, apps/**): no database, no network, seconds
 *   integration specs in test/: a real database (PostgreSQL with DATABASE_URL, else embedded PGlite started
 *               by the global setup) and end-to-end over HTTP
 *   console     the console in Chromium against the built gateway (test/browser/**\/*.browser.spec.ts) and
 *               its Vitest component tests; needs `npm run build`
 *   slow        attack suites (test/**\/*.slow.spec.ts): the same database setup, minutes
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const common = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  moduleNameMapper: { '^@helixgate/([a-z-]+)$': '<rootDir>/libs/$1/src' },
};
const withDatabase = {
  ...common,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...withDatabase,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.slow\\.spec\\.ts$', '\\.browser\\.spec\\.ts$'],
    },
    {
      // The console in Debian's Chromium (playwright-core) against the built gateway on its own embedded
      // database, plus the console's component tests (Vitest). Needs `npm run build` first.
      ...common,
      displayName: 'console',
      testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'],
    },
    {
      ...withDatabase,
      displayName: 'slow',
      testMatch: ['<rootDir>/test/**/*.slow.spec.ts'],
    },
  ],
};
