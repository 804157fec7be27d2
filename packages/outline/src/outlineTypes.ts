import type { LanguageCode } from '@cg/contract'
import type { TemplateCatalog } from '@cg/templates'

/*
 * A board as an outline: what a screen reader, a keyboard or a slow link gets instead of the canvas. Read from the
 * board's records as stored in its Y.Doc (no tldraw at run time: the outline page never loads the canvas), in
 * reading order (right to left for Arabic), every place named as a person would say it.
 */

/** A box in page coordinates (the board's own units). */
export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

/** Where a note added to a place goes on the canvas. */
export interface PlaceTarget {
  /** The shape the new note becomes a child of: the innermost frame, or the page. */
  parentId: string
  /** The area the note is fitted into, in page coordinates (a template cell; a frame's free area; a cluster). */
  box: PageBox
}

/** Something that holds notes and can be added to: a frame, a template cell, a group of notes outside frames. */
export interface OutlinePlace {
  kind: 'frame' | 'cell' | 'area'
  /**
   * Stable while the board keeps its shape, so focus and announcements survive a recompute: a frame's shape id; a
   * cell: `<frame id>/<cell key>` (a box's element id, or a grid's `<row id>:<column id>`; a grid row, which holds
   * its cells: `<row id>:*`); an area: `area:<id>` (its bottom note in tldraw's order, which notes
   * added later never displace).
   */
  key: string
  /** As a person would say it, in the reader's language: "Output: education, Indicators". */
  label: string
  /** Template wording that goes with it (a frame's question), in the reader's language. */
  description?: string
  /** Where a note added here goes; null where nothing may be added (a grid's label column, say). */
  target: PlaceTarget | null
  /** Places inside it (a frame's cells and nested frames), in reading order. */
  places: OutlinePlace[]
  /** Notes directly in it (not in one of `places`), in reading order. */
  notes: OutlineNote[]
  /** The shape it is on the board: the frame, the template cell (grid cell, row header, box, co-drafted block). */
  shapeId?: string
  /** A template box people vote on (`voteTarget`): its votes in the last ended vote that included it. */
  votes?: number
}

/** A note, a text, a co-drafted block or any other shape with words on it. */
export interface OutlineNote {
  kind: 'note'
  /** The shape's id. */
  id: string
  /** The tldraw shape type ('note', 'text', 'geo', the co-draft block's type...). */
  shapeType: string
  /** Its words, as plain text (a co-drafted block: its shared text). */
  text: string
  /** The sector id it is tagged with (names come from the catalog). */
  sector?: string
  /** Where the board names an author (a private note revealed with its author). */
  author?: string
  /** When it was made (server time), where recorded. */
  createdAt?: number
  /** Votes it got in the last ended sticker vote that included it. */
  votes?: number
  /** This person's private draft (in their private room, nobody else sees it). */
  private: boolean
  /** A co-drafted block: its text is a shared Y.Text, edited as text. */
  codraft: boolean
  /** A co-drafted block's heading ("Our shared vision statement"), in the reader's language. */
  label?: string
  /** Whether the outline offers editing, tagging, moving and deleting it (sticky notes and texts people made). */
  editable: boolean
}

export type OutlineEntry = OutlinePlace | OutlineNote

export interface Outline {
  /** Top-level frames in reading order, then the areas of notes outside every frame. */
  places: OutlinePlace[]
  /** Every note in the outline by id, and the key of the place it is directly in. */
  notes: ReadonlyMap<string, { note: OutlineNote; placeKey: string }>
  /** Every place by key. */
  placesByKey: ReadonlyMap<string, OutlinePlace>
}

export interface OutlineInput {
  /** The board's records as stored (record id → record, unvalidated), its private drafts merged in. */
  records: ReadonlyMap<string, unknown>
  catalog: TemplateCatalog | null
  language: LanguageCode
  /** Reading order right to left (Arabic). */
  rtl: boolean
  /** A co-drafted block's shared text. */
  codraftText: (shapeId: string) => string
  /** Votes per shape id from the last ended vote (absent: no vote has ended). */
  votes?: ReadonlyMap<string, number>
  /** Words the outline needs that are not in the catalog, in the reader's language. */
  words: OutlineWords
}

/** Labels of places that are not template cells, in the reader's language (from the web app's dictionary). */
export interface OutlineWords {
  /** A frame without a name. */
  untitledFrame: string
  /** A group of notes outside every frame, named by where it sits: `{place}` is e.g. "left of Education". */
  looseNotes: (where: LooseNotesWhere) => string
}

/** Where a group of notes outside frames sits, for its label. */
export type LooseNotesWhere =
  | { kind: 'near'; frameTitle: string; side: 'above' | 'below' | 'left' | 'right' }
  | { kind: 'alone'; index: number; count: number }

/** Record changes for the board's doc: record id → the new record, or undefined to delete it. */
export type RecordChanges = Map<string, unknown>
