import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SqliteStorage } from '@cg/storage'
import { silentLogger } from './logger.ts'
import { Room } from './Room.ts'
import type { BusUpdates, RoomBus, RoomBusListener } from './roomBus.ts'

/** A bus between rooms of one test, standing for Redis between processes; it can drop every message. */
class MemoryBus implements RoomBus {
  dropping = false
  private readonly listeners = new Map<string, Set<RoomBusListener>>()

  join(room: string, listener: RoomBusListener) {
    const here = this.listeners.get(room) ?? new Set()
    this.listeners.set(room, here.add(listener))
    const others = () => [...here].filter((other) => other !== listener)
    return {
      publishUpdates: (message: BusUpdates) => {
        if (!this.dropping) for (const other of others()) other.updates(message)
      },
      publishAwareness: (update: Uint8Array) => {
        if (!this.dropping) for (const other of others()) other.awareness(update)
      },
      leave: () => here.delete(listener),
    }
  }
}

const storage = new SqliteStorage(':memory:')
const rooms: Room[] = []
let board = 'board-0'
afterEach(async () => {
  for (const room of rooms.splice(0)) await room.unload()
  board = `board-${Number(board.split('-')[1]) + 1}` // each test its own document
})

/** A room as one process holds it: its own doc, on the storage every process shares. */
async function processRoom(bus: RoomBus, compactAfterUpdates = 1000): Promise<Room> {
  const room = await Room.load(board, storage, { compactAfterUpdates, bus, catchUpIntervalMs: 60_000 }, silentLogger)
  rooms.push(room)
  return room
}

/** What a peer's edit would be: one key set in the doc's map, as an update. */
function edit(room: Room, key: string): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc))
  const before = Y.encodeStateVector(doc)
  doc.getMap('m').set(key, key)
  return Y.encodeStateAsUpdate(doc, before)
}

const keys = (room: Room) => [...room.doc.getMap('m').keys()].sort()

describe('rooms of several processes on one storage', () => {
  it('hear what another stored through the bus', async () => {
    const bus = new MemoryBus()
    const [a, b] = [await processRoom(bus), await processRoom(bus)]
    await a.applyServerUpdate(edit(a, 'from-a'))
    await b.applyServerUpdate(edit(b, 'from-b'))
    expect(keys(a)).toEqual(['from-a', 'from-b'])
    expect(keys(b)).toEqual(['from-a', 'from-b'])
  })

  it('read from storage what the bus dropped, soon after a later number shows the gap', async () => {
    const bus = new MemoryBus()
    const [a, b] = [await processRoom(bus), await processRoom(bus)]
    bus.dropping = true
    await a.applyServerUpdate(edit(a, 'dropped'))
    expect(keys(b)).toEqual([])
    bus.dropping = false
    await a.applyServerUpdate(edit(a, 'heard'))
    // B heard number 2 without number 1: it looks in storage a moment later.
    await expect.poll(() => keys(b)).toEqual(['dropped', 'heard'])
  })

  it('reload the snapshot when what they missed was compacted away by another', async () => {
    const bus = new MemoryBus()
    const b = await processRoom(bus)
    const a = await processRoom(bus, 1) // compacts after every batch
    bus.dropping = true
    await a.applyServerUpdate(edit(a, 'compacted'))
    expect((await storage.loadUpdatesSince(board, 0)).updates).toEqual([])
    await b.catchUpWithStorage()
    expect(keys(b)).toEqual(['compacted'])
  })

  it('never compact away an update they have not applied', async () => {
    const bus = new MemoryBus()
    const a = await processRoom(bus)
    const b = await processRoom(bus, 1)
    bus.dropping = true
    await a.applyServerUpdate(edit(a, 'unheard-by-b'))
    await b.applyServerUpdate(edit(b, 'b-compacts-after-this')) // B compacts: only up to its first gap
    const fresh = new Y.Doc()
    const stored = await storage.loadDoc(board)
    for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      Y.applyUpdate(fresh, part)
    }
    expect([...fresh.getMap('m').keys()].sort()).toEqual(['b-compacts-after-this', 'unheard-by-b'])
  })
})
