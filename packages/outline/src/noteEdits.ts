import type { Outline, OutlinePlace, RecordChanges } from './outlineTypes.ts'

/*
 * The edits the outline makes, as record changes the page writes into the board's doc (or into the person's
 * private room for a private draft). Each produces records exactly as the canvas would: valid for the board's
 * schema (checked against tldraw's in the tests), a new note fitted into its cell as the canvas fits notes.
 */

export interface NewNote {
  /** A fresh shape id (`shape:` + random). */
  id: string
  text: string
  sector?: string
  /** Server time, for the report's agenda placement. */
  createdAt: number
  /** A private draft (private mode is on for this person). */
  private: boolean
}

export function planAddNote(
  records: ReadonlyMap<string, unknown>,
  outline: Outline,
  place: OutlinePlace,
  note: NewNote,
): RecordChanges {
  void [records, outline, place, note]
  throw new Error('not built yet')
}

export function planEditText(records: ReadonlyMap<string, unknown>, noteId: string, text: string): RecordChanges {
  void [records, noteId, text]
  throw new Error('not built yet')
}

/** `sector` null: untagged. */
export function planSetSector(
  records: ReadonlyMap<string, unknown>,
  noteId: string,
  sector: string | null,
): RecordChanges {
  void [records, noteId, sector]
  throw new Error('not built yet')
}

export function planMoveNote(
  records: ReadonlyMap<string, unknown>,
  outline: Outline,
  noteId: string,
  place: OutlinePlace,
): RecordChanges {
  void [records, outline, noteId, place]
  throw new Error('not built yet')
}

/** The note and whatever would dangle without it (arrow bindings to it). */
export function planDeleteNote(records: ReadonlyMap<string, unknown>, noteId: string): RecordChanges {
  void [records, noteId]
  throw new Error('not built yet')
}

/**
 * Whether the outline may write into a doc whose stored schema (tl_meta 'schema', as a canvas wrote it) is this:
 * only when the record versions it writes match, so it never writes records older or newer than the board's.
 */
export function canWriteTo(storedSchema: unknown): boolean {
  void storedSchema
  throw new Error('not built yet')
}
