import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { presenceRole } from '@cg/contract'
import { createBoard } from '../support/boards.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

let server: TestServer
let alice: YClient
let bob: YClient

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

beforeEach(async () => {
  const board = await createBoard(server.url)
  alice = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  bob = await connectSyncedClient(server.url, board.id, board.tokens.editor)
})
afterEach(() => {
  alice?.destroy()
  bob?.destroy()
})

const json = (client: YClient, name: string) => client.doc.getMap(name).toJSON()
const text = (client: YClient) => client.doc.getText('notes').toString()

describe('two y-websocket clients on one board', () => {
  it('see each other’s map edits, both ways', async () => {
    alice.doc.getMap('shapes').set('shape:1', { x: 10, y: 20 })
    await waitUntil('bob sees alice’s shape', () => bob.doc.getMap('shapes').has('shape:1'))
    expect(bob.doc.getMap('shapes').get('shape:1')).toEqual({ x: 10, y: 20 })

    bob.doc.getMap('shapes').set('shape:2', { x: 30, y: 40 })
    bob.doc.getMap('shapes').delete('shape:1')
    await waitUntil('alice sees bob’s edits', () => alice.doc.getMap('shapes').has('shape:2'))
    await waitUntil('alice sees bob’s delete', () => !alice.doc.getMap('shapes').has('shape:1'))
    expect(json(alice, 'shapes')).toEqual({ 'shape:2': { x: 30, y: 40 } })
  })

  it('see each other’s text edits, both ways', async () => {
    alice.doc.getText('notes').insert(0, 'Outcome 1: ')
    await waitUntil('bob sees alice’s text', () => text(bob) === 'Outcome 1: ')
    bob.doc.getText('notes').insert(text(bob).length, 'safe water access')
    await waitUntil('alice sees bob’s text', () => text(alice) === 'Outcome 1: safe water access')
  })

  it('converge to one state after concurrent edits of the same map key and text', async () => {
    Y.transact(alice.doc, () => {
      alice.doc.getMap('shapes').set('shape:1', 'alice')
      alice.doc.getText('notes').insert(0, 'alice wrote this. ')
    })
    Y.transact(bob.doc, () => {
      bob.doc.getMap('shapes').set('shape:1', 'bob')
      bob.doc.getText('notes').insert(0, 'bob wrote that. ')
    })
    await waitUntil(
      'both docs are equal',
      () =>
        text(alice) === text(bob) &&
        alice.doc.getMap('shapes').get('shape:1') === bob.doc.getMap('shapes').get('shape:1'),
    )
    // Y.Text keeps both concurrent inserts; the map key settles on one of the two values everywhere.
    expect(text(alice)).toContain('alice wrote this. ')
    expect(text(alice)).toContain('bob wrote that. ')
    expect(['alice', 'bob']).toContain(alice.doc.getMap('shapes').get('shape:1'))
    expect(Y.encodeStateVector(alice.doc)).toEqual(Y.encodeStateVector(bob.doc))
  })
})

describe('awareness (presence) between two clients', () => {
  const bobSeesAlice = () => bob.provider.awareness.getStates().has(alice.doc.clientID)

  beforeEach(async () => {
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#d33' })
    await waitUntil('bob sees alice’s presence', bobSeesAlice)
    // The server writes the role Alice's link opened into what it forwards.
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({
      user: { name: 'Alice', color: '#d33' },
      role: 'editor',
    })
  })

  it('carries the role the server vouches for, whatever a peer claims', async () => {
    const board = await createBoard(server.url)
    const viewer = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
    const editor = await connectSyncedClient(server.url, board.id, board.tokens.editor)
    try {
      viewer.provider.awareness.setLocalState({ user: { name: 'Mallory' }, role: 'facilitator' })
      const seen = () => editor.provider.awareness.getStates().get(viewer.doc.clientID)
      await waitUntil('the editor sees the viewer', () => seen()?.user !== undefined)
      expect(seen()).toEqual({ user: { name: 'Mallory' }, role: 'viewer' })
      // A newcomer gets the stamped state from the server's own copy too.
      const late = await connectSyncedClient(server.url, board.id, board.tokens.editor)
      await waitUntil('a newcomer sees the viewer', () => late.provider.awareness.getStates().has(viewer.doc.clientID))
      expect(presenceRole(late.provider.awareness.getStates().get(viewer.doc.clientID))).toBe('viewer')
      late.destroy()
    } finally {
      viewer.destroy()
      editor.destroy()
    }
  })

  // Awareness itself would only time a silent peer out after 30 s; these waits are well below that.
  it('is removed for the other client soon after a provider is destroyed', async () => {
    alice.destroy()
    await waitUntil('alice’s presence is gone for bob', () => !bobSeesAlice(), { timeoutMs: 10_000 })
  })

  it('is removed for the other client when a connection drops without saying goodbye', async () => {
    alice.provider.shouldConnect = false // no reconnect: this peer is gone
    ;(alice.provider.ws as unknown as WebSocket).terminate()
    await waitUntil('alice’s presence is gone for bob', () => !bobSeesAlice(), { timeoutMs: 10_000 })
    // Alice never sent a null state: the server removed her presence on its own.
    expect(alice.provider.awareness.getLocalState()).not.toBeNull()
  })
})
