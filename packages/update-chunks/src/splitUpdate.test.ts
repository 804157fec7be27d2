import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRandom, type Random } from '../../../test/support/prng.ts'
import { splitUpdate } from './splitUpdate.ts'

const SEEDS = Number(process.env.UPDATE_CHUNKS_SEEDS ?? 40)

/** Random edits of every kind Yjs has: map entries, list inserts and deletes, text, nested types, moves of text. */
function edit(doc: Y.Doc, random: Random, steps: number) {
  const records = doc.getMap<unknown>('records')
  const list = doc.getArray<unknown>('list')
  const text = doc.getText('text')
  for (let step = 0; step < steps; step++) {
    doc.transact(() => {
      switch (random.int(0, 7)) {
        case 0:
          records.set(`r${random.int(0, 40)}`, { text: 'x'.repeat(random.int(0, 300)), at: random.next() })
          break
        case 1:
          records.delete(`r${random.int(0, 40)}`)
          break
        case 2:
          list.insert(random.int(0, list.length), [random.int(0, 1000), 'item'.repeat(random.int(1, 20))])
          break
        case 3:
          if (list.length > 0) list.delete(random.int(0, list.length - 1), 1)
          break
        case 4:
          text.insert(random.int(0, text.length), random.bool() ? 'كل طفل ' : 'every child ')
          break
        case 5:
          if (text.length > 2) text.delete(random.int(0, text.length - 2), random.int(1, 2))
          break
        case 6:
          // A paste: one insert of many values, which Yjs keeps as one item; and a long text with emoji.
          list.insert(
            random.int(0, list.length),
            Array.from({ length: random.int(20, 300) }, (_, i) => `v${i}`),
          )
          text.insert(random.int(0, text.length), '😀 صحة '.repeat(random.int(50, 400)))
          break
        default: {
          const nested = new Y.Map<unknown>()
          nested.set('n', random.int(0, 9))
          records.set(`nested${random.int(0, 5)}`, nested)
          const inner = records.get(`nested${random.int(0, 5)}`)
          if (inner instanceof Y.Map) inner.set('k', 'v'.repeat(random.int(1, 50)))
        }
      }
    })
  }
}

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
const contentOf = (doc: Y.Doc) => ({
  records: doc.getMap('records').toJSON(),
  list: doc.getArray('list').toJSON(),
  text: doc.getText('text').toString(),
})

describe('splitUpdate', () => {
  it('returns a small update as it is', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello')
    const update = Y.encodeStateAsUpdate(doc)
    expect(splitUpdate(update, 1024)).toEqual([update])
  })

  it.each(Array.from({ length: SEEDS }, (_, seed) => seed + 1))(
    'seed %i: chunks stay under the size, each applies with nothing pending, together they give the whole',
    (seed) => {
      const random = createRandom(seed)
      const server = new Y.Doc()
      edit(server, random, 50)
      // Two people offline (and a reload in between, which makes a new client id), then one comes back.
      const offline = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
      for (const doc of offline) sync(server, doc)
      for (const doc of offline) edit(doc, random, random.int(20, 200))
      for (const doc of offline.slice(1)) sync(doc, offline[0]!)
      edit(offline[0]!, random, 30)
      const update = Y.encodeStateAsUpdate(offline[0]!, Y.encodeStateVector(server))
      // Every single value here is under 1,000 bytes encoded, so every chunk must fit.
      const maxBytes = random.int(1000, 4000)
      const chunks = splitUpdate(update, maxBytes)
      for (const chunk of chunks) {
        expect(chunk.byteLength).toBeLessThanOrEqual(maxBytes)
        Y.applyUpdate(server, chunk)
        expect(server.store.pendingStructs).toBeNull()
        expect(server.store.pendingDs).toBeNull()
      }
      expect(chunks.length).toBeGreaterThan(1)
      expect(contentOf(server)).toEqual(contentOf(offline[0]!))
      expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(offline[0]!))
    },
  )

  it('splits the backlog of a client that synced, then went on offline (its clocks do not start at 0)', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const list = client.getArray<string>('list')
    list.push(['synced'])
    sync(client, server)
    list.delete(0, 1)
    list.push(Array.from({ length: 2_000 }, (_, i) => `offline ${i} `.repeat(20)))
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    const chunks = splitUpdate(update, 16 * 1024)
    expect(Math.max(...chunks.map((chunk) => chunk.byteLength))).toBeLessThanOrEqual(16 * 1024)
    for (const chunk of chunks) Y.applyUpdate(server, chunk)
    expect(server.getArray('list').toJSON()).toEqual(list.toJSON())
    expect(server.store.pendingStructs).toBeNull()
    expect(server.store.pendingDs).toBeNull()
  })

  it('splits a 20 MiB backlog into 1 MiB messages a 16 MiB server limit takes', () => {
    const server = new Y.Doc()
    const offline = new Y.Doc()
    const records = offline.getMap<unknown>('records')
    offline.transact(() => {
      for (let i = 0; i < 20_000; i++) records.set(`shape:${i}`, { text: `${i} `.repeat(200) })
    })
    // And one pasted list of 5,000 values: a single Yjs item of several MiB.
    offline.getArray('pasted').push(Array.from({ length: 5_000 }, (_, i) => `${i} `.repeat(200)))
    const update = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server))
    expect(update.byteLength).toBeGreaterThan(20 * 1024 * 1024)
    const chunks = splitUpdate(update, 1024 * 1024)
    expect(Math.max(...chunks.map((chunk) => chunk.byteLength))).toBeLessThanOrEqual(1024 * 1024)
    for (const chunk of chunks) Y.applyUpdate(server, chunk)
    expect(server.getMap('records').size).toBe(20_000)
    expect(server.getArray('pasted').length).toBe(5_000)
    expect(server.store.pendingStructs).toBeNull()
  })

  it('keeps each piece to a number of structs and of deleted ranges, however small they are in bytes', () => {
    const server = new Y.Doc()
    const offline = new Y.Doc()
    const text = offline.getText('text')
    text.insert(0, 'x'.repeat(8_000))
    sync(offline, server)
    // Offline: 1,000 characters typed one apart (each its own item) and 3,000 deleted one apart.
    offline.transact(() => {
      for (let at = 0; at < 1_000; at++) text.insert(at * 2, 'y')
    })
    offline.transact(() => {
      for (let at = text.length - 1; at > text.length - 6_000; at -= 2) text.delete(at, 1)
    })
    const update = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server))
    const chunks = splitUpdate(update, 1024 * 1024, { maxStructs: 100, maxRanges: 500 })
    for (const chunk of chunks) {
      const { structs, ds } = Y.decodeUpdate(chunk)
      expect(structs.length).toBeLessThanOrEqual(100)
      expect([...ds.clients.values()].reduce((sum, runs) => sum + runs.length, 0)).toBeLessThanOrEqual(500)
      Y.applyUpdate(server, chunk)
      expect(server.store.pendingStructs).toBeNull()
    }
    expect(chunks.length).toBeGreaterThanOrEqual(16)
    expect(server.getText('text').toString()).toBe(text.toString())
  })
})
