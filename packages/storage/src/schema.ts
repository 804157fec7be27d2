/**
 * The one schema both backends follow: a numbered list of migrations, each written once as tables, columns and
 * indexes, which sqlite/migrate.ts and postgres/migrate.ts render in their own SQL (schemaSql.ts). A database is
 * walked forward from the version it stores, one migration at a time, so a migration, once released, never changes:
 * a new table or column is a new entry at the end.
 */

/** `bigint` is for times (ms) and sequence numbers, which pass 2^31; SQLite's INTEGER holds them already. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'bytes'

export interface Column {
  type: ColumnType
  notNull?: true
  /** A key of this one column, declared on it. */
  primaryKey?: true
  /** An SQL literal that means the same in both dialects. */
  default?: string
  /** Ordered byte by byte, so a key range (listDocNames) can use the key; SQLite text already is. */
  byteOrder?: true
}

export interface Table {
  name: string
  /** In order. */
  columns: Readonly<Record<string, Column>>
  /** A key of several columns. */
  primaryKey?: readonly string[]
  /** SQLite keeps the rows in the key's own tree (an append-only log read in key order); PostgreSQL ignores it. */
  withoutRowid?: true
}

export type SchemaChange =
  | { createTable: Table }
  | { addColumn: { table: string; name: string; column: Column } }
  | { createIndex: { name: string; table: string; columns: readonly string[]; where?: string } }

export interface Migration {
  /** The schema version a database is at once this has run. */
  version: number
  /** What it is for (the feature that needed it). */
  purpose: string
  changes: readonly SchemaChange[]
}

const docName: Column = { type: 'text', notNull: true, byteOrder: true }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    purpose: 'Boards, their documents (an update log compacted into snapshots) and their files',
    changes: [
      {
        createTable: {
          name: 'boards',
          columns: {
            id: { type: 'text', primaryKey: true },
            title: { type: 'text', notNull: true },
            created_at: { type: 'bigint', notNull: true },
          },
        },
      },
      {
        createTable: {
          name: 'doc_updates',
          columns: {
            doc_name: docName,
            seq: { type: 'bigint', notNull: true },
            data: { type: 'bytes', notNull: true },
          },
          primaryKey: ['doc_name', 'seq'],
          withoutRowid: true,
        },
      },
      {
        createTable: {
          name: 'doc_snapshots',
          columns: {
            doc_name: { type: 'text', primaryKey: true, byteOrder: true },
            data: { type: 'bytes', notNull: true },
            seq: { type: 'bigint', notNull: true },
          },
        },
      },
      {
        createTable: {
          name: 'assets',
          columns: {
            board_id: { type: 'text', notNull: true },
            id: { type: 'text', notNull: true },
            mime_type: { type: 'text', notNull: true },
            data: { type: 'bytes', notNull: true },
            created_at: { type: 'bigint', notNull: true },
          },
          primaryKey: ['board_id', 'id'],
        },
      },
    ],
  },
  {
    version: 2,
    purpose: 'Breakout boards (a board belongs to a plenary board) and secret links per role, stored hashed',
    changes: [
      { addColumn: { table: 'boards', name: 'parent_id', column: { type: 'text' } } },
      {
        createIndex: {
          name: 'boards_by_parent',
          table: 'boards',
          columns: ['parent_id'],
          where: 'parent_id IS NOT NULL',
        },
      },
      {
        createTable: {
          name: 'board_access',
          columns: {
            board_id: { type: 'text', primaryKey: true },
            facilitator_hash: { type: 'bytes', notNull: true },
            editor_hash: { type: 'bytes', notNull: true },
            viewer_hash: { type: 'bytes', notNull: true },
            link_salt: { type: 'text', notNull: true },
          },
        },
      },
    ],
  },
  {
    version: 3,
    purpose: 'Board history: saved versions of documents',
    changes: [
      {
        createTable: {
          name: 'doc_versions',
          columns: {
            doc_name: { type: 'text', notNull: true },
            id: { type: 'text', notNull: true },
            created_at: { type: 'bigint', notNull: true },
            name: { type: 'text' },
            reason: { type: 'text', notNull: true },
            shapes: { type: 'integer', notNull: true },
            base_id: { type: 'text' },
            data: { type: 'bytes', notNull: true },
          },
          primaryKey: ['doc_name', 'id'],
        },
      },
      { createIndex: { name: 'doc_versions_by_time', table: 'doc_versions', columns: ['doc_name', 'created_at'] } },
    ],
  },
  {
    version: 4,
    purpose: 'Exports every process can see: progress, cancels and the finished file',
    changes: [
      {
        createTable: {
          name: 'export_jobs',
          columns: {
            id: { type: 'text', primaryKey: true },
            board_id: { type: 'text', notNull: true },
            plenary_id: { type: 'text', notNull: true },
            title: { type: 'text', notNull: true },
            format: { type: 'text', notNull: true },
            status: { type: 'text', notNull: true },
            done: { type: 'integer', notNull: true },
            total: { type: 'integer', notNull: true },
            error: { type: 'text' },
            created_at: { type: 'bigint', notNull: true },
            alive_at: { type: 'bigint', notNull: true },
            finished_at: { type: 'bigint' },
            file: { type: 'bytes' },
          },
        },
      },
    ],
  },
  {
    version: 5,
    // Jobs kept from before read as participants': they never count against a facilitator's share.
    purpose: "Whose share of a workshop's exports a job takes",
    changes: [
      {
        addColumn: {
          table: 'export_jobs',
          name: 'started_by',
          column: { type: 'text', notNull: true, default: "'participant'" },
        },
      },
    ],
  },
  {
    version: 6,
    // Both set together, on a plenary and each of its breakouts; null while the board is not in the trash.
    purpose: 'Deleting a workshop: its boards stay in the trash until their purge time',
    changes: [
      { addColumn: { table: 'boards', name: 'deleted_at', column: { type: 'bigint' } } },
      { addColumn: { table: 'boards', name: 'purge_at', column: { type: 'bigint' } } },
      {
        createIndex: {
          name: 'boards_to_purge',
          table: 'boards',
          columns: ['purge_at'],
          where: 'purge_at IS NOT NULL AND parent_id IS NULL',
        },
      },
    ],
  },
  {
    version: 7,
    // Retention is kept on the plenary only (a breakout follows its workshop); null: never / not yet.
    purpose: 'Retention (deletion date, link expiry, last opened), unused files, and the audit log',
    changes: [
      { addColumn: { table: 'boards', name: 'delete_on', column: { type: 'bigint' } } },
      { addColumn: { table: 'boards', name: 'links_expire_at', column: { type: 'bigint' } } },
      { addColumn: { table: 'boards', name: 'opened_at', column: { type: 'bigint' } } },
      // When a sweep first found no record or version referring to the file; null while something does.
      { addColumn: { table: 'assets', name: 'unreferenced_at', column: { type: 'bigint' } } },
      {
        createTable: {
          name: 'audit_events',
          columns: {
            plenary_id: { type: 'text', notNull: true },
            id: { type: 'text', notNull: true },
            at: { type: 'bigint', notNull: true },
            board_id: { type: 'text', notNull: true },
            kind: { type: 'text', notNull: true },
            name: { type: 'text' },
            role: { type: 'text' },
            detail: { type: 'text' },
          },
          primaryKey: ['plenary_id', 'id'],
        },
      },
      { createIndex: { name: 'audit_events_by_time', table: 'audit_events', columns: ['plenary_id', 'at'] } },
    ],
  },
]

/** The version of a database every migration has run on. */
export const SCHEMA_VERSION = MIGRATIONS.length
