import { defineConfig } from 'vitest/config';

// Two projects: fast server tests (unit, repository, HTTP via inject) and browser end-to-end tests.
// The database dialect for server tests comes from TEST_DB (sqlite by default, postgres in the second CI leg).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          // Scale-out tests (several API nodes sharing PostgreSQL and Redis) belong to the PostgreSQL leg only.
          exclude: process.env.TEST_DB === 'postgres' ? [] : ['server/src/**/*.cluster.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
