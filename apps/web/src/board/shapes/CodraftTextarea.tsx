import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react'
import * as Y from 'yjs'
import { applyTextEdit, getCodraftText, transformIndex, type Delta } from '@cg/codraft'
import { DEFAULT_PRESENCE_FIELD } from '@cg/tldraw-yjs'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { useCodraftContext } from './CodraftContext.ts'

// How long after the last keystroke someone still counts as typing.
const TYPING_MS = 2_500
const TYPING_FIELD = 'codraftTyping'

interface TypingState {
  [TYPING_FIELD]?: { shapeId: string; at: number }
  [DEFAULT_PRESENCE_FIELD]?: { userName?: string }
}

/**
 * A plain textarea bound to the block's Y.Text: local edits become minimal Yjs changes, peers' changes come
 * in without moving the local caret, and everyone sees who else is typing in this block.
 */
export function CodraftTextarea({ shapeId, label, readOnly }: { shapeId: string; label: string; readOnly: boolean }) {
  const context = useCodraftContext()
  const { t, language } = useI18n()
  const someone = t('someone')
  const area = useRef<HTMLTextAreaElement>(null)
  const [value, setValue] = useState('')
  const [typists, setTypists] = useState<string[]>([])
  const statusId = useId()
  const text = context ? getCodraftText(context.doc, shapeId) : null
  // While an input method composes (accents, predictive keyboards, Arabic on phones), the textarea is left alone:
  // the composed text is sent once it ends, moved past whatever peers typed meanwhile.
  const composition = useRef<{ base: string; peers: Delta[] } | null>(null)
  const lastTypingMark = useRef(0)

  useEffect(() => {
    if (!text) return
    setValue(text.toString())
    const onChange = (event: Y.YTextEvent) => {
      const element = area.current
      const next = text.toString()
      if (composition.current) {
        if (!event.transaction.local) composition.current.peers.push(event.delta as Delta)
        return
      }
      if (!event.transaction.local && element && document.activeElement === element) {
        // Keep the caret on the same character while a peer types elsewhere.
        const start = transformIndex(element.selectionStart, event.delta as never)
        const end = transformIndex(element.selectionEnd, event.delta as never)
        element.value = next
        element.setSelectionRange(start, end)
      }
      setValue(next)
    }
    text.observe(onChange)
    return () => text.unobserve(onChange)
  }, [text])

  useEffect(() => {
    if (!context) return
    const { awareness } = context
    // When each peer's typing mark last changed, by this machine's clock (peers' clocks may be off).
    const seen = new Map<number, { at: number; seenAt: number }>()
    const update = () => {
      const now = Date.now()
      const names: string[] = []
      for (const [clientId, state] of awareness.getStates()) {
        const typing = (state as TypingState)[TYPING_FIELD]
        if (clientId === awareness.clientID || !typing || typing.shapeId !== shapeId) continue
        const last = seen.get(clientId)
        if (!last || last.at !== typing.at) seen.set(clientId, { at: typing.at, seenAt: now })
        if (now - seen.get(clientId)!.seenAt < TYPING_MS) {
          names.push((state as TypingState)[DEFAULT_PRESENCE_FIELD]?.userName || someone)
        }
      }
      setTypists((previous) => (previous.join('\n') === names.join('\n') ? previous : names))
    }
    awareness.on('change', update)
    const timer = setInterval(update, 1_000)
    return () => {
      awareness.off('change', update)
      clearInterval(timer)
    }
  }, [context, shapeId, someone])

  if (!context || !text) return null
  const markTyping = () => {
    // At most one awareness message a second: enough to show "is typing", kind to slow links.
    const now = Date.now()
    if (now - lastTypingMark.current < 1_000) return
    lastTypingMark.current = now
    context.awareness.setLocalStateField(TYPING_FIELD, { shapeId, at: now })
  }
  const onInput = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setValue(event.target.value)
    markTyping()
    if (composition.current) return
    applyTextEdit(text, text.toString(), event.target.value, context.awareness.clientID, event.target.selectionStart)
  }
  const onCompositionEnd = (element: HTMLTextAreaElement) => {
    const started = composition.current
    composition.current = null
    if (!started) return
    const caret = applyTextEdit(
      text,
      started.base,
      element.value,
      context.awareness.clientID,
      element.selectionStart,
      started.peers,
    )
    const next = text.toString()
    element.value = next
    element.setSelectionRange(caret, caret)
    setValue(next)
  }
  const names = new Intl.ListFormat(language.code, { type: 'conjunction' }).format(typists)
  const typing =
    typists.length === 0 ? '' : t(typists.length === 1 ? 'typingOne' : 'typingMany').replace('{names}', names)
  return (
    <>
      <textarea
        ref={area}
        className="cg-codraft-text"
        value={value}
        readOnly={readOnly}
        dir="auto"
        aria-label={label}
        aria-describedby={statusId}
        onChange={onInput}
        onCompositionStart={() => (composition.current = { base: text.toString(), peers: [] })}
        onCompositionEnd={(event) => onCompositionEnd(event.currentTarget)}
        // The canvas must not treat typing, clicks or wheel in the block as drawing or panning.
        onPointerDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.stopPropagation()}
        onWheel={(event) => event.stopPropagation()}
      />
      <p id={statusId} className="cg-codraft-typing" role="status" aria-live="polite">
        {typing}
      </p>
    </>
  )
}
