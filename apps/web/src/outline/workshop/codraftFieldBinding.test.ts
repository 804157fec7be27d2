import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getCodraftText } from '@cg/codraft/text'
import { CodraftFieldBinding, type TextFieldLike } from './codraftFieldBinding.ts'

const SHAPE = 'shape:vision'

/** A text field as a browser edits it: typing replaces the selection and leaves the caret after what was typed. */
class Field implements TextFieldLike {
  value = ''
  selectionStart = 0
  selectionEnd = 0
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start
    this.selectionEnd = end
  }
  select(start: number, end = start): this {
    this.setSelectionRange(start, end)
    return this
  }
  type(typed: string): void {
    const { value, selectionStart: start, selectionEnd: end } = this
    this.value = value.slice(0, start) + typed + value.slice(end)
    this.select(start + typed.length)
  }
  backspace(): void {
    const start = this.selectionStart === this.selectionEnd ? Math.max(0, this.selectionStart - 1) : this.selectionStart
    this.value = this.value.slice(0, start) + this.value.slice(this.selectionEnd)
    this.select(start)
  }
  get selected(): string {
    return this.value.slice(this.selectionStart, this.selectionEnd)
  }
}

/** Two people's copies of one board doc, joined like two browsers through the server (or cut apart, offline). */
function twoPeople(initial: string) {
  const mine = new Y.Doc()
  const theirs = new Y.Doc()
  getCodraftText(theirs, SHAPE).insert(0, initial)
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs))
  let online = true
  const relay = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (online && origin !== 'relay') Y.applyUpdate(to, update, 'relay')
  }
  mine.on('update', relay(theirs))
  theirs.on('update', relay(mine))
  return {
    myText: getCodraftText(mine, SHAPE),
    theirText: getCodraftText(theirs, SHAPE),
    offline: () => (online = false),
    online: () => {
      online = true
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)), 'relay')
      Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)), 'relay')
    },
  }
}

/** What the field does on an `input` event, after the person typed. */
function typeInto(field: Field, binding: CodraftFieldBinding, typed: string) {
  field.type(typed)
  binding.input()
}

describe('CodraftFieldBinding', () => {
  it('shows the shared text, and what the person types reaches the other person', () => {
    const { myText, theirText } = twoPeople('Every child learns')
    const field = new Field()
    const binding = new CodraftFieldBinding(myText, field, false)
    expect(field.value).toBe('Every child learns')
    typeInto(field.select(field.value.length), binding, ' in safety')
    expect(theirText.toString()).toBe('Every child learns in safety')
    field.select(6, 11)
    typeInto(field, binding, 'girl and boy')
    expect(theirText.toString()).toBe('Every girl and boy learns in safety')
  })

  it('writes only what changed, so two people typing apart at once both keep their words', () => {
    const { myText, theirText, offline, online } = twoPeople('Children learn. Teachers are paid.')
    const field = new Field()
    const binding = new CodraftFieldBinding(myText, field, false)
    offline()
    typeInto(field.select('Children learn'.length), binding, ' in safety')
    theirText.insert('Children learn. Teachers are paid'.length, ' on time')
    online()
    expect(myText.toString()).toBe('Children learn in safety. Teachers are paid on time.')
    expect(theirText.toString()).toBe(myText.toString())
    expect(field.value).toBe(myText.toString())
  })

  it('merges the other person’s typing in at once without moving the caret or the selection off their characters', () => {
    const { myText, theirText } = twoPeople('learn in safety')
    const field = new Field()
    new CodraftFieldBinding(myText, field, false)
    field.select('learn in '.length, 'learn in safety'.length)
    expect(field.selected).toBe('safety')
    theirText.insert(0, 'All children ')
    expect(field.value).toBe('All children learn in safety')
    expect(field.selected).toBe('safety')
    theirText.delete(0, 'All '.length)
    theirText.insert(field.value.length, ' and dignity')
    expect(field.value).toBe('children learn in safety and dignity')
    expect(field.selected).toBe('safety')
    // Text inserted right at the caret goes after it: the person keeps typing where they were.
    field.select('children'.length)
    theirText.insert('children'.length, ' and youth')
    expect(field.value.slice(0, field.selectionStart)).toBe('children')
    expect(field.value).toBe('children and youth learn in safety and dignity')
  })

  it('holds an input method’s composition until it ends, then moves it past what the other person typed', () => {
    const { myText, theirText } = twoPeople('Vision: ')
    const field = new Field()
    const binding = new CodraftFieldBinding(myText, field, false)
    field.select(field.value.length)
    binding.compositionStart()
    typeInto(field, binding, 'é')
    typeInto(field, binding, 'cole')
    expect(theirText.toString()).toBe('Vision: ')
    theirText.insert(0, 'Our ')
    // The field is left as the input method has it while composing.
    expect(field.value).toBe('Vision: école')
    binding.compositionEnd()
    expect(myText.toString()).toBe('Our Vision: école')
    expect(theirText.toString()).toBe('Our Vision: école')
    expect(field.value).toBe('Our Vision: école')
    expect(field.selectionStart).toBe(field.value.length)
  })

  it('writes nothing for a viewer, puts the shared text back, and still shows others’ changes', () => {
    const { myText, theirText } = twoPeople('Safe schools')
    const field = new Field()
    const binding = new CodraftFieldBinding(myText, field, true)
    let writes = 0
    myText.doc!.on('update', (_update: Uint8Array, origin: unknown) => origin !== 'relay' && writes++)
    typeInto(field.select(4), binding, 'XX')
    binding.compositionStart()
    typeInto(field, binding, 'é')
    binding.compositionEnd()
    expect(writes).toBe(0)
    expect(field.value).toBe('Safe schools')
    expect(theirText.toString()).toBe('Safe schools')
    theirText.insert(field.value.length, ' for all')
    expect(field.value).toBe('Safe schools for all')
    binding.setReadOnly(false)
    typeInto(field.select(field.value.length), binding, '!')
    expect(theirText.toString()).toBe('Safe schools for all!')
  })

  it('follows a change made on this page by something else (another field on the same text)', () => {
    const { myText, theirText } = twoPeople('Plan')
    const first = new Field()
    const second = new Field()
    const firstBinding = new CodraftFieldBinding(myText, first, false)
    new CodraftFieldBinding(myText, second, false)
    typeInto(first.select(4), firstBinding, 's')
    expect(second.value).toBe('Plans')
    first.select(0, 5)
    first.backspace()
    firstBinding.input()
    expect([second.value, theirText.toString()]).toEqual(['', ''])
  })

  it('stops following the text once destroyed', () => {
    const { myText, theirText } = twoPeople('Before')
    const field = new Field()
    new CodraftFieldBinding(myText, field, false).destroy()
    theirText.insert(0, 'After, not ')
    expect(field.value).toBe('Before')
  })
})
