import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { getCodraftText } from '@cg/codraft/text'
import { readOutline, type Outline, type OutlineWords } from '@cg/outline'
import type { TemplateCatalog } from '@cg/templates'
import { readDocRecords } from '@cg/tldraw-yjs/layout'
import type { Language } from '../i18n/languages.ts'
import { outlineChanges, type OutlineChange } from './outlineChanges.ts'
import type { OwnChanges } from './ownChanges.ts'

/** The board as read for the outline: its records (private drafts merged in) and the outline made of them. */
export interface OutlineReading {
  records: ReadonlyMap<string, unknown>
  outline: Outline
}

/** Longest wait for a recompute when the page paints no frames (a background tab). */
const RECOMPUTE_MS = 100

/**
 * The board as an outline, read again whenever the board's doc or this person's private room changes: at most once
 * per painted frame (or every 100 ms in a background tab), however many updates arrive meanwhile, so a burst of a
 * thousand changes costs one reading. Each reading is compared with the last as it is made, and what others changed
 * is told (`onChanges`). Null until the board's doc is there.
 */
export function useOutline(options: {
  boardDoc: Y.Doc | null
  privateDoc: Y.Doc | null
  catalog: TemplateCatalog | null
  language: Language
  votes: ReadonlyMap<string, number> | undefined
  words: OutlineWords
  /** This person's own changes, taken as each reading is made (they are not news to them). */
  own: OwnChanges
  /** Told what others changed between one reading and the next, as the reading is made. */
  onChanges: (changes: readonly OutlineChange[]) => void
}): OutlineReading | null {
  const { boardDoc, privateDoc, catalog, language, votes, words, own } = options
  const [reading, setReading] = useState<OutlineReading | null>(null)
  // The last reading, across re-readings for another language or vote: what the next one is compared with.
  const previous = useRef<Outline | null>(null)
  const onChanges = useRef(options.onChanges)
  useEffect(() => {
    onChanges.current = options.onChanges
  }, [options.onChanges])

  useEffect(() => {
    if (!boardDoc) {
      setReading(null)
      return
    }
    const read = () => {
      const records = readDocRecords(boardDoc)
      // This person's drafts (marked private) read as part of the board, where they sit on it.
      if (privateDoc) for (const [id, record] of readDocRecords(privateDoc)) records.set(id, record)
      const outline = readOutline({
        records,
        catalog,
        language: language.code,
        rtl: language.dir === 'rtl',
        codraftText: (shapeId) => getCodraftText(boardDoc, shapeId).toString(),
        ...(votes ? { votes } : {}),
        words,
      })
      const mine = own.take()
      if (previous.current) onChanges.current(outlineChanges(previous.current, outline, mine))
      previous.current = outline
      setReading({ records, outline })
    }
    let frame: number | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = () => {
      if (frame !== null) cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
      frame = timer = null
      read()
    }
    const schedule = () => {
      if (frame !== null || timer !== null) return
      frame = requestAnimationFrame(flush)
      timer = setTimeout(flush, RECOMPUTE_MS)
    }
    read()
    boardDoc.on('update', schedule)
    privateDoc?.on('update', schedule)
    return () => {
      boardDoc.off('update', schedule)
      privateDoc?.off('update', schedule)
      if (frame !== null) cancelAnimationFrame(frame)
      if (timer !== null) clearTimeout(timer)
    }
  }, [boardDoc, privateDoc, catalog, language, votes, words, own])

  return reading
}
