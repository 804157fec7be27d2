import { useCallback, useState } from 'react'
import type * as Y from 'yjs'
import {
  planAddNote,
  planDeleteNote,
  planEditText,
  planMoveNote,
  planSetSector,
  splitByRoom,
  type Outline,
  type RecordChanges,
  type SectorColours,
} from '@cg/outline'
import { getMetaMap, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import type { NoteDialogResult } from './NoteDialogs.tsx'
import { writeChanges } from './noteWrites.ts'
import type { OwnChanges } from './ownChanges.ts'
import type { OutlineReading } from './useOutline.ts'

/** The origin of the outline's own transactions in a doc. */
export const OUTLINE_ORIGIN = 'outline'

/** A fresh shape id, as tldraw makes them: `shape:` and a random key. */
function newShapeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15))
  return `shape:${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}`
}

export interface NoteActions {
  /** Does what a dialog confirmed; returns the id of the note to focus afterwards (a new note's), or null. */
  apply: (result: NoteDialogResult) => string | null
  /** The change could not be planned (the board changed under the dialog). */
  failed: boolean
}

/**
 * The outline's edits, made as the canvas makes them: each planned by @cg/outline from the board's records (a new
 * note fitted into its place, a grid row grown when its cell is full), then written in one transaction, a private
 * draft (a note added while private mode is on for this person) to their private room, the rest to the board.
 */
export function useNoteActions(options: {
  reading: OutlineReading
  boardDoc: Y.Doc
  privateDoc: Y.Doc | null
  /** New notes are private drafts now. */
  privateDrafts: boolean
  authorName: string
  serverNow: () => number
  /** Where this person's own changes are noted (not news to them). */
  own: OwnChanges
  /** The catalog's sectors and their colours: a tagged note takes its sector's colour, as on the canvas. */
  sectors: SectorColours
}): NoteActions {
  const { reading, boardDoc, privateDoc, privateDrafts, authorName, serverNow, own, sectors } = options
  const [failed, setFailed] = useState(false)

  const plan = useCallback(
    (result: NoteDialogResult, records: ReadonlyMap<string, unknown>, outline: Outline, id: string): RecordChanges => {
      switch (result.kind) {
        case 'add':
          return planAddNote(
            records,
            outline,
            result.place,
            {
              id,
              text: result.text,
              ...(result.sector ? { sector: result.sector } : {}),
              createdAt: serverNow(),
              private: privateDrafts && privateDoc !== null,
              authorName,
            },
            sectors,
          )
        case 'edit':
          return planEditText(records, result.note.id, result.text)
        case 'tag':
          return planSetSector(records, result.note.id, result.sector, sectors)
        case 'move':
          return planMoveNote(records, outline, result.note.id, result.place)
        case 'delete':
          return planDeleteNote(records, result.note.id)
      }
    },
    [privateDrafts, privateDoc, serverNow, authorName, sectors],
  )

  const apply = useCallback(
    (result: NoteDialogResult): string | null => {
      const id = result.kind === 'add' ? newShapeId() : result.note.id
      let changes: RecordChanges
      try {
        changes = plan(result, reading.records, reading.outline, id)
      } catch (error) {
        // A note deleted or a place gone meanwhile: nothing is written, and the person is told.
        console.warn('outline: the change could not be planned', error instanceof Error ? error.message : error)
        setFailed(true)
        return null
      }
      setFailed(false)
      const { board, private: drafts } = splitByRoom(reading.records, changes)
      for (const changed of changes.keys()) own.add(changed)
      writeChanges(boardDoc, board, OUTLINE_ORIGIN)
      if (privateDoc && drafts.size > 0) {
        // A private room no canvas has opened holds no schema yet: it gets the board's, which the drafts follow.
        const meta = getMetaMap(privateDoc)
        const schema = getMetaMap(boardDoc).get(SCHEMA_KEY)
        privateDoc.transact(() => {
          if (meta.get(SCHEMA_KEY) === undefined && schema !== undefined) meta.set(SCHEMA_KEY, schema)
          writeChanges(privateDoc, drafts, OUTLINE_ORIGIN)
        }, OUTLINE_ORIGIN)
      }
      return result.kind === 'add' ? id : null
    },
    [plan, reading, boardDoc, privateDoc, own],
  )

  return { apply, failed }
}
