import type * as Y from 'yjs'
import { applyTextEdit, transformIndex, type Delta } from '@cg/codraft/text'

/** What the binding needs of a text field (a `<textarea>` has all of it). */
export interface TextFieldLike {
  value: string
  selectionStart: number
  selectionEnd: number
  setSelectionRange(start: number, end: number): void
}

/**
 * A co-drafted block's text (its shared Y.Text) bound to a text field the binding owns: what the person types goes
 * in as the smallest edit (`diffText`), so someone typing elsewhere in the text loses nothing; what others type
 * comes into the field at once, the caret and selection staying on the same characters (`transformIndex`). While an
 * input method composes (accents, predictive keyboards, Arabic on phones) the field is left alone, and the composed
 * text goes in when it ends, moved past what others typed meanwhile. A read-only binding never writes.
 */
export class CodraftFieldBinding {
  private readonly text: Y.Text
  private readonly field: TextFieldLike
  private readOnly: boolean
  private composition: { base: string; peers: Delta[] } | null = null
  private readonly onChange = (event: Y.YTextEvent) => this.merge(event)

  constructor(text: Y.Text, field: TextFieldLike, readOnly: boolean) {
    this.text = text
    this.field = field
    this.readOnly = readOnly
    field.value = text.toString()
    text.observe(this.onChange)
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly
  }

  /** The person changed the field's value (an `input` event). */
  input(): void {
    if (this.composition) return
    if (this.readOnly) {
      this.show(this.text.toString())
      return
    }
    applyTextEdit(this.text, this.text.toString(), this.field.value, this, this.field.selectionStart)
  }

  compositionStart(): void {
    this.composition = { base: this.text.toString(), peers: [] }
  }

  compositionEnd(): void {
    const started = this.composition
    this.composition = null
    if (!started) return
    if (this.readOnly) {
      this.show(this.text.toString())
      return
    }
    const caret = applyTextEdit(
      this.text,
      started.base,
      this.field.value,
      this,
      this.field.selectionStart,
      started.peers,
    )
    this.field.value = this.text.toString()
    this.field.setSelectionRange(caret, caret)
  }

  destroy(): void {
    this.text.unobserve(this.onChange)
  }

  private merge(event: Y.YTextEvent): void {
    if (event.transaction.origin === this) return
    if (this.composition) {
      this.composition.peers.push(event.delta as Delta)
      return
    }
    const delta = event.delta as Delta
    this.show(this.text.toString(), (index) => transformIndex(index, delta))
  }

  /** Shows `value`, keeping the selection on the same characters (`move` says where each end went). */
  private show(value: string, move: (index: number) => number = (index) => Math.min(index, value.length)): void {
    const start = move(this.field.selectionStart)
    const end = Math.max(start, move(this.field.selectionEnd))
    this.field.value = value
    this.field.setSelectionRange(start, end)
  }
}
