/**
 * Keys our code writes into tldraw shapes' `meta`, read back elsewhere (the report, the server's exports): one
 * name for both sides.
 */
export const ShapeMeta = {
  /** When the shape was made (server time, ms since the epoch), for placing work under the agenda item it was made in. */
  createdAt: 'createdAt',
  /** On shapes brought back from a breakout to the plenary: the group's name. */
  fromBreakout: 'fromBreakout',
  /** On the frame a breakout group's work was brought back in: the breakout board's id. */
  breakoutBoardId: 'breakoutBoardId',
  /** On a revealed private note: who wrote it (unless revealed anonymously). */
  revealedAuthor: 'revealedAuthor',
  /** The sector a shape is tagged with. */
  sector: 'sector',
} as const

/** A meta value as a string, or undefined. */
export function metaString(meta: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = meta[key]
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

/** A meta value as a finite number, or undefined. */
export function metaNumber(meta: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = meta[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
