import type { RecordChanges } from './outlineTypes.ts'

/** A private draft (or a binding to one): it lives in its author's private room, never on the board. */
const isPrivate = (record: unknown) => {
  const value = record as { typeName?: unknown; meta?: { private?: unknown } } | null | undefined
  return (value?.typeName === 'shape' || value?.typeName === 'binding') && value.meta?.private === true
}

/**
 * A plan's changes split by the doc each goes to: private drafts (`meta.private`, as @cg/facilitation's
 * `isPrivateRecord` says) to the person's private room, everything else to the board. One edit can touch both: a
 * private draft added to a grid cell grows the board's row. A deletion goes where the record was.
 */
export function splitByRoom(
  records: ReadonlyMap<string, unknown>,
  changes: RecordChanges,
): { board: RecordChanges; private: RecordChanges } {
  const board: RecordChanges = new Map()
  const own: RecordChanges = new Map()
  for (const [id, value] of changes) {
    ;(isPrivate(value === undefined ? records.get(id) : value) ? own : board).set(id, value)
  }
  return { board, private: own }
}
