import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure, in-process, fast) and `integration` (real Chopsticks
 * hosting the committed runtime). Integration tests run one file at a time: each
 * starts its own chain on a free loopback port.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          // Generous: some unit tests spawn node processes; timeouts only catch hangs.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
