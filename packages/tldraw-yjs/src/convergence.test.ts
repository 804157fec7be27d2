import { transact } from '@tldraw/state'
import { PageRecordType, toRichText, type TLPageId, type TLRecord, type TLStore } from '@tldraw/tlschema'
import { expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { readDocRecords } from './docLayout.ts'
import { createNote, createTestStore, documentRecords, getNote } from './test/createTestStore.ts'
import { TestNetwork } from './test/network.ts'
import { createRandom, type Random } from '../../../test/support/prng.ts'

// Seeded and repeatable, like Yjs's testRepeat: every run prints its seed; replay a failure with
//   TLDRAW_YJS_SEED=<seed> TLDRAW_YJS_REPEAT=1 npx vitest run packages/tldraw-yjs/src/convergence.test.ts
const seed = Number(process.env.TLDRAW_YJS_SEED ?? Math.floor(Math.random() * 2 ** 32))
const repeat = Number(process.env.TLDRAW_YJS_REPEAT ?? 30)
const STEPS = 150
const NOTE_IDS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5']

interface Peer {
  doc: Y.Doc
  store: TLStore
}

function randomLocalEdit(random: Random, peer: Peer) {
  const { store } = peer
  const id = random.pick(NOTE_IDS)
  const note = getNote(store, id)
  const roll = random.next()
  if (!note) {
    createNote(store, id, { x: random.int(0, 500), text: `${id} created` })
  } else if (roll < 0.15) {
    store.remove([note.id])
  } else if (roll < 0.55) {
    store.update(note.id, (n) => ({ ...n, x: random.int(0, 500), y: random.int(0, 500) }))
  } else if (roll < 0.85) {
    store.put([{ ...note, props: { ...note.props, richText: toRichText(`text ${random.int(0, 1e6)}`) } }])
  } else {
    const pageId = PageRecordType.createId(`p${random.int(0, 2)}`) as TLPageId
    const page = store.get(pageId)
    if (page) store.update(pageId, (p) => ({ ...p, name: `renamed ${random.int(0, 99)}` }))
    else store.put([PageRecordType.create({ id: pageId, name: 'extra', index: `a${random.int(2, 9)}` as never })])
  }
}

function runScenario(iterationSeed: number) {
  const random = createRandom(iterationSeed)
  const net = new TestNetwork()
  const log = vi.fn()
  const peers: Peer[] = []
  const addPeer = () => {
    const doc = net.join()
    const store = createTestStore()
    bindStoreToYDoc(store, doc, { log })
    peers.push({ doc, store })
  }
  addPeer()
  addPeer()
  const lateJoinAt = random.int(0, STEPS)

  for (let step = 0; step < STEPS; step++) {
    if (step === lateJoinAt) addPeer()
    const peer = random.pick(peers)
    const roll = random.next()
    if (roll < 0.55) {
      randomLocalEdit(random, peer)
    } else if (roll < 0.85) {
      // Partial delivery: this peer hears some, not all, of what happened elsewhere.
      net.deliver(peer.doc, random.int(1, Math.max(1, net.pending(peer.doc))))
    } else {
      // A local edit still waiting for its frame while a peer's update lands (see bindStoreToYDoc).
      transact(() => {
        randomLocalEdit(random, peer)
        net.deliver(peer.doc, random.int(0, net.pending(peer.doc)))
        if (random.bool()) randomLocalEdit(random, peer)
      })
    }
  }
  net.settle()

  const reference = documentRecords(peers[0]!.store)
  for (const { doc, store } of peers) {
    const docRecords = ([...readDocRecords(doc).values()] as TLRecord[]).sort((a, b) => a.id.localeCompare(b.id))
    expect(documentRecords(store)).toEqual(docRecords)
    expect(documentRecords(store)).toEqual(reference)
  }
  expect(log).not.toHaveBeenCalled()
}

it(`converges after random concurrent edits (seed ${seed}, ${repeat} runs)`, () => {
  console.log(`[convergence] TLDRAW_YJS_SEED=${seed} TLDRAW_YJS_REPEAT=${repeat}`)
  for (let i = 0; i < repeat; i++) {
    const iterationSeed = (seed + i) >>> 0
    try {
      runScenario(iterationSeed)
    } catch (error) {
      throw new Error(`diverged; replay with TLDRAW_YJS_SEED=${iterationSeed} TLDRAW_YJS_REPEAT=1`, { cause: error })
    }
  }
})
