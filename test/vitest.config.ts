import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'
import { postgresSkipReason } from '@cg/storage/testing'

/**
 * Server tests that run a second time on PostgreSQL: protocol, roles, history, backup, durability, rules, deleting
 * a workshop, retention, its audit log.
 */
const POSTGRES_SUITE = [
  'test/integration/two-clients-converge.test.ts',
  'test/integration/roles-and-links.test.ts',
  'test/integration/voting-and-private-mode.test.ts',
  'test/integration/history.test.ts',
  'test/integration/backup.test.ts',
  'test/integration/board-rules.test.ts',
  'test/integration/compaction.test.ts',
  'test/integration/restart-keeps-doc.test.ts',
  'test/integration/kill-9-during-writes.test.ts',
  'test/integration/sigterm-shutdown.test.ts',
  'test/integration/rest-api.test.ts',
  'test/integration/bad-input.test.ts',
  'test/integration/unused-files.test.ts',
  'test/integration/admin-cli.test.ts',
  'test/integration/workshop-deletion.test.ts',
  'test/integration/retention.test.ts',
  'test/integration/audit-log.test.ts',
]

/**
 * Attacks, as an attacker sends them, each against a server process of its own, that measure what they cost
 * everyone else (other boards' latency, the server's memory): one file at a time, with nothing else running, so
 * what they measure is the attack's cost and not the rest of the suite's.
 */
const ATTACK_SUITE = [
  'test/integration/restore-hostile.test.ts',
  'test/integration/participant-limits.test.ts',
  'test/integration/http-fuzz.test.ts',
  'test/integration/update-cost-fuzz.test.ts',
  'test/integration/exports-fairness.test.ts',
  'test/integration/protocol-fuzz.test.ts',
]

// Four groups: unit and integration tests run in parallel first; then the attacks, one at a time; then the server
// tests again on PostgreSQL; then end-to-end tests (real Chromium, real server processes), so browser timing is
// not starved by CPU-heavy tests.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        root: fileURLToPath(new URL('..', import.meta.url)),
        test: {
          name: 'unit+integration',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ATTACK_SUITE],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        root: fileURLToPath(new URL('..', import.meta.url)),
        test: {
          name: 'attacks',
          include: ATTACK_SUITE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      // The same server tests again with PostgreSQL as the storage (DATABASE_URL, a fresh database each); left
      // out with a printed reason where no PostgreSQL answers, except in CI, where that is an error.
      ...((await postgresSkipReason())
        ? []
        : [
            {
              extends: true as const,
              root: fileURLToPath(new URL('..', import.meta.url)),
              test: {
                name: 'postgres',
                include: POSTGRES_SUITE,
                env: { CG_TEST_STORAGE: 'postgres' },
                sequence: { groupOrder: 2 },
              },
            },
          ]),
      {
        extends: true,
        root: fileURLToPath(new URL('..', import.meta.url)),
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/printBrowserVersion.ts'],
          testTimeout: 120_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
})
