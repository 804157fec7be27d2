/** Writes a migration of schema.ts as the SQL of one backend, whose differences its `SqlDialect` names. */
import type { Column, ColumnType, Migration, SchemaChange, Table } from './schema.ts'

export interface SqlDialect {
  types: Readonly<Record<ColumnType, string>>
  /** Makes a text column order byte by byte (`byteOrder`), or '' where text already does. */
  byteOrderCollation: string
  /** Whether a CREATE leaves an existing table or index as it is (SQLite, as its first files did) or fails. */
  createIfMissing: boolean
  /** Whether `withoutRowid` tables say so (SQLite only). */
  withoutRowid: boolean
}

/** The statements of one migration, separated by semicolons (run them with a multi-statement exec). */
export function migrationSql(migration: Migration, dialect: SqlDialect): string {
  return migration.changes.map((change) => `${changeSql(change, dialect)};\n`).join('')
}

function changeSql(change: SchemaChange, dialect: SqlDialect): string {
  const ifMissing = dialect.createIfMissing ? 'IF NOT EXISTS ' : ''
  if ('createTable' in change) return createTableSql(change.createTable, ifMissing, dialect)
  if ('addColumn' in change) {
    const { table, name, column } = change.addColumn
    return `ALTER TABLE ${table} ADD COLUMN ${columnSql(name, column, dialect)}`
  }
  const { name, table, columns, where } = change.createIndex
  return `CREATE INDEX ${ifMissing}${name} ON ${table} (${columns.join(', ')})${where ? ` WHERE ${where}` : ''}`
}

function createTableSql(table: Table, ifMissing: string, dialect: SqlDialect): string {
  const lines = Object.entries(table.columns).map(([name, column]) => columnSql(name, column, dialect))
  if (table.primaryKey) lines.push(`PRIMARY KEY (${table.primaryKey.join(', ')})`)
  const options = table.withoutRowid && dialect.withoutRowid ? ' WITHOUT ROWID' : ''
  return `CREATE TABLE ${ifMissing}${table.name} (\n  ${lines.join(',\n  ')}\n)${options}`
}

function columnSql(name: string, column: Column, dialect: SqlDialect): string {
  return [
    name,
    dialect.types[column.type],
    column.byteOrder && dialect.byteOrderCollation,
    column.notNull && 'NOT NULL',
    column.default !== undefined && `DEFAULT ${column.default}`,
    column.primaryKey && 'PRIMARY KEY',
  ]
    .filter(Boolean)
    .join(' ')
}
