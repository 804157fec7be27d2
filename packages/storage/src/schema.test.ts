import { describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts'

describe('schema', () => {
  it('numbers its migrations 1, 2, 3… in the order they run, each once, the last one the schema version', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version)
  })
})
