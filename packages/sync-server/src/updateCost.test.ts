import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdateV1, type ClientRun, type Struct } from '../../../test/support/updateFuzzer.ts'
import { hasMissingDependencies } from './updateDependencies.ts'
import { updateCost, UPDATE_LIMITS } from './updateCost.ts'

const cost = (doc: Y.Doc, update: Uint8Array) => updateCost(doc, Y.decodeUpdate(update))

/** A doc whose text `t` holds `length` characters from as many clients, every other one deleted: a long list. */
function longText(length: number): Y.Doc {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  for (let i = 0; i < length; i++) {
    doc.clientID = 100_000 + i
    text.insert(i, 'x')
  }
  for (let i = length - 2; i >= 0; i -= 2) text.delete(i, 1)
  return doc
}

const char = (parent?: string): Struct => ({
  kind: 'item',
  ...(parent ? { parent: { root: parent } } : {}),
  content: { kind: 'string', text: 'a' },
})

describe('updateCost', () => {
  it('lets what a browser writes through, counting its work', () => {
    const doc = longText(200)
    const browser = new Y.Doc()
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(doc))
    // What its provider sends: each transaction's own update.
    const sent: Uint8Array[] = []
    browser.on('update', (update: Uint8Array) => sent.push(update))
    browser.transact(() => {
      browser.getText('t').insert(50, 'typing in the middle')
      browser.getText('t').insert(0, 'and at the start')
      browser.getArray('tl_records').push([{ key: 'shape:a', val: {} }])
      browser.getMap('tl_meta').set('schema', { v: 1 })
    })
    const verdict = cost(doc, sent[0]!)
    expect(verdict.ok).toBe(true)
    expect(verdict.ok && verdict.work).toBeLessThan(20)
  })

  it('refuses types nested deeper than a browser nests them', () => {
    const depth = UPDATE_LIMITS.maxDepth + 5
    const structs: Struct[] = [{ kind: 'item', parent: { root: 'deep' }, content: { kind: 'type', type: 'array' } }]
    for (let i = 1; i < depth; i++) {
      structs.push({
        kind: 'item',
        parent: { item: { client: 7, clock: i - 1 } },
        content: { kind: 'type', type: 'array' },
      })
    }
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 7, clock: 0, structs }]))).toEqual({ ok: false, why: 'depth' })
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 7, clock: 0, structs: structs.slice(0, 10) }])).ok).toBe(true)
  })

  it('refuses many one-character clients at the head of a long text, which Yjs would each place by walking it', () => {
    // No origin, no right origin: each is placed at the start by walking every item of the text.
    const heads: ClientRun[] = Array.from({ length: 40 }, (_, i) => ({
      client: 9_000 + i,
      clock: 0,
      structs: [char('t')],
    }))
    expect(cost(longText(200), encodeUpdateV1(heads))).toMatchObject({ ok: true })
    expect(cost(longText(2_000), encodeUpdateV1(heads))).toEqual({ ok: false, why: 'scan' })
    const many = Array.from({ length: 300 }, (_, i) => ({ client: 9_000 + i, clock: 0, structs: [char('t')] }))
    expect(cost(longText(200), encodeUpdateV1(many))).toEqual({ ok: false, why: 'clients' })
  })

  it('refuses many items placed after one item', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x')
    const origin = { client: doc.clientID, clock: 0 }
    const structs: Struct[] = Array.from({ length: UPDATE_LIMITS.maxSiblings + 1 }, () => ({
      kind: 'item',
      origin,
      content: { kind: 'string', text: 'a' },
    }))
    // Each of one client's items is its own struct here (a browser's typing chains each after the last).
    expect(cost(doc, encodeUpdateV1([{ client: 5, clock: 0, structs }]))).toEqual({ ok: false, why: 'siblings' })
  })

  it('refuses deletions that would split one long item tens of thousands of times', () => {
    const values = Array.from({ length: 54_000 }, (_, i) => i)
    const item: Struct = { kind: 'item', parent: { root: 'list' }, content: { kind: 'any', values } }
    const every = Array.from({ length: 1_900 }, (_, i) => ({ client: 3, clock: i * 2, len: 1 }))
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 3, clock: 0, structs: [item] }], every))).toEqual({
      ok: false,
      why: 'splits',
    })
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 3, clock: 0, structs: [item] }], every.slice(0, 10))).ok).toBe(
      true,
    )
    // A text is sliced, not copied, but every cut still shifts the array of the client's structs.
    const text: Struct = { kind: 'item', parent: { root: 't' }, content: { kind: 'string', text: 'x'.repeat(60_000) } }
    const some = Array.from({ length: 1_500 }, (_, i) => ({ client: 3, clock: i * 2, len: 1 }))
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 3, clock: 0, structs: [text] }], some)).ok).toBe(true)
    const half = Array.from({ length: 30_000 }, (_, i) => ({ client: 3, clock: i * 2, len: 1 }))
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 3, clock: 0, structs: [text] }], half))).toEqual({
      ok: false,
      why: 'cuts',
    })
  })

  it('refuses new root types past what a doc keeps', () => {
    const roots = Array.from({ length: UPDATE_LIMITS.maxNewRoots + 1 }, (_, i) => char(`root-${i}`))
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 4, clock: 0, structs: roots }]))).toEqual({
      ok: false,
      why: 'roots',
    })
    const full = new Y.Doc()
    for (let i = 0; i < UPDATE_LIMITS.maxRoots; i++) full.getText(`text-${i}`)
    expect(cost(full, encodeUpdateV1([{ client: 4, clock: 0, structs: [char('one-more')] }]))).toEqual({
      ok: false,
      why: 'roots',
    })
  })

  it('refuses more structs than a piece of a backlog holds', () => {
    const structs = Array.from({ length: UPDATE_LIMITS.maxStructs + 1 }, (): Struct => ({ kind: 'gc', len: 1 }))
    expect(cost(new Y.Doc(), encodeUpdateV1([{ client: 2, clock: 0, structs }]))).toEqual({ ok: false, why: 'structs' })
  })

  it('lets a reconnecting browser send its whole delete set, at a tenth of a struct each', () => {
    const doc = longText(3_000)
    const browser = new Y.Doc()
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(doc))
    // What a provider answers to the server's sync step 1 when nothing is new: the delete set, whole.
    const answer = Y.encodeStateAsUpdate(browser, Y.encodeStateVector(doc))
    expect(cost(doc, answer)).toEqual({ ok: true, work: 150 })
  })
})

describe('hasMissingDependencies', () => {
  it('sees a gap an update skips over', () => {
    const after: Struct = { kind: 'item', origin: { client: 6, clock: 0 }, content: { kind: 'string', text: 'b' } }
    const skipping = encodeUpdateV1([{ client: 6, clock: 0, structs: [char('t'), { kind: 'skip', len: 5 }, after] }])
    expect(hasMissingDependencies(new Y.Doc(), skipping)).toBe(true)
  })
})
