import { useEffect, useId, useRef } from 'react'
import type * as Y from 'yjs'
import { getCodraftText } from '@cg/codraft/text'
import { CodraftFieldBinding } from './codraftFieldBinding.ts'
import './outlineWorkshop.css'

/**
 * A co-drafted block's text (the board doc's `codraft:<shapeId>` Y.Text) as a labelled multi-line text field: what
 * the person types goes in as minimal edits, what others type comes in live without moving the caret (see
 * CodraftFieldBinding); a read-only field (a viewer's) never writes.
 */
export function CodraftTextField({
  doc,
  shapeId,
  label,
  readOnly,
}: {
  doc: Y.Doc
  shapeId: string
  label: string
  readOnly: boolean
}) {
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const binding = useRef<CodraftFieldBinding | null>(null)
  const readOnlyNow = useRef(readOnly)

  useEffect(() => {
    readOnlyNow.current = readOnly
    binding.current?.setReadOnly(readOnly)
  }, [readOnly])

  useEffect(() => {
    if (!area.current) return
    const bound = new CodraftFieldBinding(getCodraftText(doc, shapeId), area.current, readOnlyNow.current)
    binding.current = bound
    return () => {
      bound.destroy()
      binding.current = null
    }
  }, [doc, shapeId])

  return (
    <div className="cg-outline-codraft">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={area}
        rows={6}
        dir="auto"
        readOnly={readOnly}
        data-testid="codraft-text-field"
        onInput={() => binding.current?.input()}
        onCompositionStart={() => binding.current?.compositionStart()}
        onCompositionEnd={() => binding.current?.compositionEnd()}
      />
    </div>
  )
}
