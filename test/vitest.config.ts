import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Two groups: unit and integration tests run in parallel first; end-to-end tests (real Chromium, real
// server processes) run after them, so browser timing is not starved by CPU-heavy integration tests.
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
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        root: fileURLToPath(new URL('..', import.meta.url)),
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/printBrowserVersion.ts'],
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
