import { useEffect, useMemo, useRef, useState } from 'react'
import type { Outline } from '@cg/outline'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { Announcer, type AnnouncementWords } from './announcer.ts'
import { outlineChanges } from './outlineChanges.ts'

/**
 * What the live region says: others' changes to the board, summarised and throttled (see Announcer). `takeOwn`
 * hands over (and forgets) the ids of notes this page changed since the last reading: not news to this person.
 */
export function useAnnouncements(
  outline: Outline | null,
  takeOwn: () => ReadonlySet<string>,
): { text: string; id: number } {
  const { t, language } = useI18n()
  // A new id each time, so the same words said twice are announced twice (the region's node is replaced).
  const [message, setMessage] = useState({ text: '', id: 0 })
  const announcer = useRef(new Announcer())
  const previous = useRef<Outline | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const words = useMemo<AnnouncementWords>(() => {
    const counted = (key: Parameters<typeof plural>[1]) => (n: number, place: string) =>
      `${plural(language.code, key, n, { place })}.`
    return {
      added: counted('outlineNotesAdded'),
      removed: counted('outlineNotesDeleted'),
      moved: counted('outlineNotesMoved'),
      edited: counted('outlineNotesEdited'),
      placeAdded: (place) => t('outlinePlaceAdded').replace('{place}', place),
      placeRemoved: (place) => t('outlinePlaceRemoved').replace('{place}', place),
      more: (n) => `${plural(language.code, 'outlineMoreChanges', n)}.`,
    }
  }, [t, language.code])
  const wordsRef = useRef(words)
  wordsRef.current = words

  useEffect(() => {
    if (!outline) return
    const before = previous.current
    previous.current = outline
    const own = takeOwn()
    // The first reading is the board as it is, not a change.
    if (!before) return
    announcer.current.add(outlineChanges(before, outline, own), Date.now())
    const speak = () => {
      timer.current = null
      const text = announcer.current.take(Date.now(), wordsRef.current)
      if (text) setMessage((last) => ({ text, id: last.id + 1 }))
      const next = announcer.current.dueAt()
      if (next !== null) timer.current = setTimeout(speak, Math.max(0, next - Date.now()))
    }
    const due = announcer.current.dueAt()
    if (due !== null && timer.current === null) timer.current = setTimeout(speak, Math.max(0, due - Date.now()))
  }, [outline, takeOwn])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
    },
    [],
  )
  return message
}
