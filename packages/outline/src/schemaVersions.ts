/*
 * The record versions the outline writes: a note it makes, the note and text props it edits, the grid cells and
 * frames it grows, every shape it moves (the base shape record), under the store's own version. They are constants
 * because the outline does not load tldraw; a unit test checks them against tldraw's schema as the board builds it,
 * so an upgrade of tldraw fails that test instead of writing old records into new boards.
 */
export const WRITTEN_VERSIONS: Readonly<Record<string, number>> = {
  'com.tldraw.store': 5,
  'com.tldraw.shape': 4,
  'com.tldraw.shape.note': 13,
  'com.tldraw.shape.text': 4,
  'com.tldraw.shape.geo': 12,
  'com.tldraw.shape.frame': 1,
}

/**
 * Whether the outline may write into a doc whose stored schema (tl_meta 'schema', as a canvas wrote it) is this:
 * only when the record versions it writes match, so it never writes records older or newer than the board's. A
 * board no canvas has opened yet has no schema (and no page): nothing to write into.
 */
export function canWriteTo(storedSchema: unknown): boolean {
  if (typeof storedSchema !== 'object' || storedSchema === null) return false
  const { schemaVersion, sequences } = storedSchema as { schemaVersion?: unknown; sequences?: unknown }
  if (schemaVersion !== 2 || typeof sequences !== 'object' || sequences === null) return false
  return Object.entries(WRITTEN_VERSIONS).every(
    ([sequence, version]) => (sequences as Record<string, unknown>)[sequence] === version,
  )
}
