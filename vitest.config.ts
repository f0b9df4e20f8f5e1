import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure, in-process, fast), `integration` (real Chopsticks hosting
 * the committed runtime) and `validators` (four real validator nodes). Integration and
 * validator tests run one file at a time: each starts its own chain on free loopback
 * ports. `npm test` runs the first two. Every project first makes sure dist/ (the compiled
 * CLI the tests spawn) is current: test/harness/globalSetup.ts.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/harness/globalSetup.ts'],
          // Generous: some unit tests spawn node processes; timeouts only catch hangs.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/harness/globalSetup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        // Four real validator nodes (`custos-node`, built by `npm run node:build`): run by
        // `npm run test:validators`, and by `.ci/run` when the binary is in the cache.
        test: {
          name: 'validators',
          include: ['test/validators/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/harness/globalSetup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
