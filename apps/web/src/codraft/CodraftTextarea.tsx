import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react'
import * as Y from 'yjs'
import { applyTextEdit, getCodraftText, transformIndex } from '@cg/tldraw-yjs'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useCodraftContext } from './CodraftContext.ts'

// How long after the last keystroke someone still counts as typing.
const TYPING_MS = 2_500
const TYPING_FIELD = 'codraftTyping'

interface TypingState {
  [TYPING_FIELD]?: { shapeId: string; at: number }
  tldrawPresence?: { userName?: string }
}

/**
 * A plain textarea bound to the block's Y.Text: local edits become minimal Yjs changes, peers' changes come
 * in without moving the local caret, and everyone sees who else is typing in this block.
 */
export function CodraftTextarea({ shapeId, label, readOnly }: { shapeId: string; label: string; readOnly: boolean }) {
  const context = useCodraftContext()
  const { t } = useI18n()
  const area = useRef<HTMLTextAreaElement>(null)
  const [value, setValue] = useState('')
  const [typists, setTypists] = useState<string[]>([])
  const statusId = useId()
  const text = context ? getCodraftText(context.doc, shapeId) : null

  useEffect(() => {
    if (!text) return
    setValue(text.toString())
    const onChange = (event: Y.YTextEvent) => {
      const element = area.current
      const next = text.toString()
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
    const update = () => {
      const now = Date.now()
      const names: string[] = []
      for (const [clientId, state] of awareness.getStates()) {
        const typing = (state as TypingState)[TYPING_FIELD]
        if (clientId === awareness.clientID || !typing || typing.shapeId !== shapeId) continue
        if (now - typing.at < TYPING_MS) names.push((state as TypingState).tldrawPresence?.userName ?? '?')
      }
      setTypists(names)
    }
    awareness.on('change', update)
    const timer = setInterval(update, 1_000)
    return () => {
      awareness.off('change', update)
      clearInterval(timer)
    }
  }, [context, shapeId])

  if (!context || !text) return null
  const onInput = (event: ChangeEvent<HTMLTextAreaElement>) => {
    applyTextEdit(text, text.toString(), event.target.value, context.awareness.clientID)
    setValue(event.target.value)
    context.awareness.setLocalStateField(TYPING_FIELD, { shapeId, at: Date.now() })
  }
  const typing =
    typists.length === 0
      ? ''
      : t(typists.length === 1 ? 'typingOne' : 'typingMany').replace('{names}', typists.join(', '))
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
