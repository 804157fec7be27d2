import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { Announcer, type AnnouncementWords } from './announcer.ts'
import type { OutlineChange } from './outlineChanges.ts'

export interface Announcements {
  /** What the live region says now; a new id each time, so the same words said twice are said twice. */
  message: { text: string; id: number }
  /** Others' changes found by a reading of the board (see useOutline). */
  onChanges: (changes: readonly OutlineChange[]) => void
}

/** What the live region says: others' changes to the board, summarised and throttled (see Announcer). */
export function useAnnouncements(): Announcements {
  const { t, language } = useI18n()
  const [message, setMessage] = useState({ text: '', id: 0 })
  const announcer = useRef(new Announcer())
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
  const wordsNow = useRef(words)
  useEffect(() => {
    wordsNow.current = words
  }, [words])

  const onChanges = useCallback((changes: readonly OutlineChange[]) => {
    announcer.current.add(changes, Date.now())
    const speak = () => {
      timer.current = null
      const text = announcer.current.take(Date.now(), wordsNow.current)
      if (text) setMessage((last) => ({ text, id: last.id + 1 }))
      const next = announcer.current.dueAt()
      if (next !== null) timer.current = setTimeout(speak, Math.max(0, next - Date.now()))
    }
    const due = announcer.current.dueAt()
    if (due !== null && timer.current === null) timer.current = setTimeout(speak, Math.max(0, due - Date.now()))
  }, [])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
    },
    [],
  )
  return { message, onChanges }
}
