import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyTextEdit, getCodraftText, transformIndex } from './codraftText.ts'
import { createRandom } from '../../../test/support/prng.ts'

function linkedDocs() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  const queueAB: Uint8Array[] = []
  const queueBA: Uint8Array[] = []
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && queueAB.push(update))
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && queueBA.push(update))
  const deliver = () => {
    for (const update of queueAB.splice(0)) Y.applyUpdate(b, update, 'remote')
    for (const update of queueBA.splice(0)) Y.applyUpdate(a, update, 'remote')
  }
  return { a, b, deliver }
}

/** A block's text holding `initial`, recording the deltas of every change after that. */
function observedText(initial: string) {
  const text = getCodraftText(new Y.Doc(), 'shape:x')
  applyTextEdit(text, '', initial, null)
  const deltas: unknown[] = []
  text.observe((event) => deltas.push(event.delta))
  return { text, deltas }
}

describe('co-drafted text', () => {
  it('keeps both people’s characters when they type into the vision statement at the same time', () => {
    const { a, b, deliver } = linkedDocs()
    const textA = getCodraftText(a, 'shape:vision')
    const textB = getCodraftText(b, 'shape:vision')
    applyTextEdit(textA, '', 'By 2030 ', 'amina')
    deliver()
    // Both type at once, before either sees the other.
    applyTextEdit(textA, 'By 2030 ', 'By 2030 every child learns ', 'amina')
    applyTextEdit(textB, 'By 2030 ', 'By 2030 safe in school', 'bruno')
    deliver()
    expect(textA.toString()).toBe(textB.toString())
    expect(textA.toString()).toContain('every child learns ')
    expect(textA.toString()).toContain('safe in school')
    expect(textA.toString().length).toBe('By 2030 every child learns safe in school'.length)
  })

  it('turns an edit into the smallest change', () => {
    const { text, deltas } = observedText('protect children')
    applyTextEdit(text, 'protect children', 'protect all children', null)
    expect(deltas).toEqual([[{ retain: 8 }, { insert: 'all ' }]])
  })

  it('places a repeated character where it was typed, given the caret', () => {
    const { text, deltas } = observedText('ab')
    // "a" typed between "a" and "b": the caret is at 2 afterwards.
    applyTextEdit(text, 'ab', 'aab', null, 2)
    expect(deltas).toEqual([[{ retain: 1 }, { insert: 'a' }]])
  })

  it('keeps a composition and a peer’s edit made during it', () => {
    const { text, deltas: peer } = observedText('abc')
    // A peer types "X" at the start while this person composes "Z" before "c".
    text.insert(0, 'X')
    const caret = applyTextEdit(text, 'abc', 'abZc', null, 3, peer as never)
    expect(text.toString()).toBe('XabZc')
    expect(caret).toBe(4)
  })

  it('moves a caret past a peer’s text inserted before it, not after', () => {
    expect(transformIndex(5, [{ insert: 'abc' }])).toBe(8)
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5)
    expect(transformIndex(5, [{ retain: 7 }, { insert: 'abc' }])).toBe(5)
    expect(transformIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3)
    expect(transformIndex(5, [{ retain: 3 }, { delete: 10 }])).toBe(3)
  })

  it('converges under random concurrent edits (seeded)', () => {
    const seed = Number(process.env.CODRAFT_SEED ?? 20261124)
    const random = createRandom(seed)
    for (let round = 0; round < 30; round++) {
      const { a, b, deliver } = linkedDocs()
      const texts = [getCodraftText(a, 's'), getCodraftText(b, 's')]
      let typed = 0
      for (let step = 0; step < 40; step++) {
        const text = texts[random.int(0, 1)]!
        const before = text.toString()
        const at = random.int(0, before.length)
        const after =
          random.bool() || before.length === 0 ? before.slice(0, at) + 'x' : before.slice(0, at) + before.slice(at + 1)
        if (after.length > before.length) typed++
        applyTextEdit(text, before, after, 'local')
        if (random.int(0, 3) === 0) deliver()
      }
      deliver()
      expect(texts[0]!.toString(), `seed ${seed}, round ${round}`).toBe(texts[1]!.toString())
      expect(typed).toBeGreaterThan(0)
    }
  })
})
