/**
 * Fresh PostgreSQL databases for tests (each test file its own, dropped afterwards), on the server named by
 * CG_TEST_POSTGRES_URL (default: the local server, trust auth). Test support only: no server code imports it.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

const ADMIN_URL = process.env.CG_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Why Postgres tests cannot run here, or null when they can. In CI (or with CG_REQUIRE_SERVICES=1) an unreachable
 * server is an error, so the suite fails loudly; on a laptop without PostgreSQL the tests are skipped with the reason.
 */
export async function postgresSkipReason(): Promise<string | null> {
  try {
    await withAdmin((client) => client.query('SELECT 1'))
    return null
  } catch (error) {
    const reason = `PostgreSQL not reachable at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}: ${(error as Error).message}`
    if (process.env.CI || process.env.CG_REQUIRE_SERVICES)
      throw new Error(`PostgreSQL is required here: ${reason}`, { cause: error })
    console.warn(`Skipping PostgreSQL tests: ${reason}`)
    return reason
  }
}

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** Creates an empty database with a unique name; `drop` removes it (closing whatever still uses it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cg_test_${process.pid}_${randomBytes(6).toString('hex')}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  }
}
