/*
 * What the report reads from a board: its frames with their notes, placed in cells, as text. The web app reads
 * it with the editor (which knows real shape bounds and every shape's text); the report composes from it.
 */

export interface ContentNote {
  id: string
  text: string
  /** The sector's name in the report's language. */
  sector?: string
  /** Set where the board names one (a private note revealed with its author). */
  author?: string
  /** When it was made (server time), where the board recorded it. */
  createdAt?: number
}

/** A part of a template a note was put in: a box ("What key actions?") or a grid cell. */
export interface ContentCell {
  label: string
  notes: ContentNote[]
}

export interface ContentFrame {
  id: string
  title: string
  /** Template wording around the cells: the frame's question, say. */
  intro: string[]
  /** When its work was made: the middle of its notes' times, else the frame's own. */
  madeAt?: number
  /** A template grid as a table (the logframe in its spreadsheet's layout); each cell one line per note. */
  table?: {
    header: string[]
    rows: string[][][]
    /** Leading columns that name the row rather than hold work. */ labelColumns: number
  }
  cells: ContentCell[]
  /** In the frame, outside any cell. */
  notes: ContentNote[]
  /** A breakout group's work brought back to this board: the group's name, and its board when known. */
  group?: { name: string; boardId?: string }
  /**
   * Whether anyone put anything in it or its nested frames (a note, a drawing, a picture) or voted on one of its
   * shapes: an unused template gets no picture in the report.
   */
  drawn: boolean
}

export interface ContentBoard {
  id: string
  title: string
  /** When the board was made (a breakout board: when its group started). */
  createdAt?: number
  /** Every frame, nested ones included, in reading order; a note belongs to the innermost frame it is in. */
  frames: ContentFrame[]
  /** Notes and text on the page outside every frame. */
  loose: ContentNote[]
}

/** A board picture the print page can render: a top-level frame (or part of one), or the notes outside frames. */
export interface FigureRef {
  id: string
  boardId: string
  /** The top-level frame shown, or null for the notes outside every frame. */
  frameId: string | null
  title: string
}

/** Whether a frame holds anything written (an empty template is not work). */
export function frameHasWork(frame: ContentFrame): boolean {
  return (
    frame.notes.length > 0 ||
    frame.cells.some((cell) => cell.notes.length > 0) ||
    (frame.table?.rows.some((row) => row.slice(frame.table!.labelColumns).some((lines) => lines.length > 0)) ?? false)
  )
}

/** The middle time of what a frame holds, else `fallback`: one late edit does not move a frame's work. */
export function middleTime(notes: readonly ContentNote[], fallback?: number): number | undefined {
  const times = notes.flatMap((note) => (note.createdAt === undefined ? [] : [note.createdAt])).sort((a, b) => a - b)
  return times.length > 0 ? times[Math.floor((times.length - 1) / 2)] : fallback
}
