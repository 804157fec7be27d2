import pg from 'pg'

/** BIGINT columns come back as strings (they may pass 2^53); ours are times and counters, well within it. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/** The pool, or one connection inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>

export const toBytes = (value: Buffer) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
export const toBuffer = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength)

export function createPool(url: string, poolSize: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // A connection the database drops (restart, network) must not crash the process: an idle one is reported on
  // the pool, one in use on its client (between the queries of a transaction); the query under way fails anyway.
  pool.on('error', () => undefined)
  pool.on('connect', (client) => client.on('error', () => undefined))
  return pool
}

/** Runs `work` in one transaction on one connection: all of it lands, or none of it. */
export async function transaction<T>(
  pool: pg.Pool,
  work: (db: Queryable) => Promise<T>,
  isolation = 'READ COMMITTED',
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** Holds a lock named by `key` until the transaction ends (documents, boards' files). */
export function lockUntilCommit(db: Queryable, key: string): Promise<unknown> {
  return db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key])
}
