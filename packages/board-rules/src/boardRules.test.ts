import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RefusalReason } from '@cg/contract'
import { getMetaMap, getRecordsKeyValue, readDocRecords, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { boardRules, type BoardRulesContext } from './boardRules.ts'
import { boardSchema } from './boardSchema.ts'
import { frameRecord, gridCellRecord, noteRecord, pageRecord } from '../../../test/support/records.ts'
import { guardedRoom, updateOf } from './test/guardedRoom.ts'

/** A board with a schema, a page and a locked template cell inside a template frame. */
function board(context: Partial<BoardRulesContext> = {}) {
  const full: BoardRulesContext = { roleOf: (grant) => grant as never, scaffoldLocked: () => true, ...context }
  const room = guardedRoom((doc) => boardRules(doc, full))
  const client = new Y.Doc()
  const frame = frameRecord('shape:frame', { meta: { template: 'logframe' } })
  const cell = noteRecord('shape:cell', 'cell', {
    parentId: 'shape:frame',
    isLocked: true,
    meta: { template: 'logframe' },
  })
  const setup = updateOf(client, () => {
    getMetaMap(client).set(SCHEMA_KEY, boardSchema.serialize())
    const kv = getRecordsKeyValue(client)
    for (const record of [pageRecord, frame, cell, noteRecord('shape:free', 'free', { parentId: 'shape:frame' })])
      kv.set(record.id as string, record)
  })
  expect(room.receive(setup, 'facilitator').reason).toBeNull()
  /** Sends what `edit` does on the client, as `role`; the client takes the room's correction. */
  const send = (role: string, edit: (kv: ReturnType<typeof getRecordsKeyValue>) => void) => {
    const result = room.receive(
      updateOf(client, () => edit(getRecordsKeyValue(client))),
      role,
    )
    if (result.correction) Y.applyUpdate(client, result.correction)
    return result.reason
  }
  const records = () => readDocRecords(room.doc)
  const converged = () => expect(readDocRecords(client)).toEqual(records())
  return { room, client, send, records, converged, cell }
}

describe('board rules, before an update is applied', () => {
  it('refuse an item placed between two others in the records list or the meta map, and nothing else', () => {
    const doc = new Y.Doc()
    const rules = boardRules(doc, { roleOf: () => 'editor', scaffoldLocked: () => false })
    const client = new Y.Doc()
    const list = getRecordsKeyValue(client).yarray
    Y.applyUpdate(
      doc,
      updateOf(client, () =>
        list.push([
          { key: 'a', val: 1 },
          { key: 'b', val: 2 },
        ]),
      ),
    )
    const pushed = updateOf(client, () => list.push([{ key: 'c', val: 3 }]))
    const between = updateOf(client, () => list.insert(1, [{ key: 'd', val: 4 }]))
    const text = updateOf(client, () => {
      client.getText('codraft:x').insert(0, 'ab')
      client.getText('codraft:x').insert(1, 'between')
    })
    expect(rules.admit!(Y.decodeUpdate(pushed))).toBeNull()
    expect(rules.admit!(Y.decodeUpdate(between))).toBe(RefusalReason.invalidRecord)
    expect(rules.admit!(Y.decodeUpdate(text))).toBeNull()
    rules.dispose()
  })
})

describe('board rules', () => {
  it('let valid records in, and leave other shared types alone', () => {
    const { room, client, send, records } = board()
    expect(send('editor', (kv) => kv.set('shape:new', noteRecord('shape:new', 'new')))).toBeNull()
    expect(records().has('shape:new')).toBe(true)
    const other = updateOf(client, () => client.getMap('anything').set('junk', { junk: true }))
    expect(room.receive(other, 'editor').reason).toBeNull()
    expect(room.doc.getMap('anything').get('junk')).toEqual({ junk: true })
  })

  it('refuse records that are not tldraw records, and bring the sender back', () => {
    const { send, records, converged } = board()
    expect(send('editor', (kv) => kv.set('shape:junk', { junk: true }))).toBe(RefusalReason.invalidRecord)
    expect(
      send('facilitator', (kv) =>
        kv.set('shape:bad', noteRecord('shape:bad', 'bad', { props: { color: 'ultraviolet' } })),
      ),
    ).toBe(RefusalReason.invalidRecord)
    expect(send('editor', (kv) => kv.set('shape:other-id', noteRecord('shape:free', 'free')))).toBe(
      RefusalReason.invalidRecord,
    )
    expect(send('editor', (kv) => kv.set('instance:x', { id: 'instance:x', typeName: 'instance' }))).toBe(
      RefusalReason.invalidRecord,
    )
    expect([...records().keys()].sort()).toEqual(['page:page', 'shape:cell', 'shape:frame', 'shape:free'])
    converged()
  })

  it('refuse an overwrite of a good record with a bad one, keeping the good one', () => {
    const { send, records, converged } = board()
    expect(send('editor', (kv) => kv.set('shape:free', { broken: true }))).toBe(RefusalReason.invalidRecord)
    expect((records().get('shape:free') as { type: string }).type).toBe('note')
    converged()
  })

  it('keep a readable schema: junk, a newer one and removal are undone', () => {
    const { room, client, send } = board()
    const schema = () => getMetaMap(room.doc).get(SCHEMA_KEY)
    const good = schema()
    for (const edit of [
      () => getMetaMap(client).set(SCHEMA_KEY, 'not a schema'),
      () => getMetaMap(client).set(SCHEMA_KEY, { schemaVersion: 2, sequences: { 'com.example.new': 1 } }),
      () => getMetaMap(client).delete(SCHEMA_KEY),
    ]) {
      expect(send('facilitator', edit)).toBe(RefusalReason.invalidSchema)
      expect(schema()).toEqual(good)
      expect(getMetaMap(client).get(SCHEMA_KEY)).toEqual(good)
    }
  })

  it('keep locked scaffold from participants while the lock is on', () => {
    const { send, records, converged, cell } = board()
    const edits = [
      (kv: ReturnType<typeof getRecordsKeyValue>) => kv.delete('shape:cell'),
      (kv: ReturnType<typeof getRecordsKeyValue>) => kv.set('shape:cell', { ...cell, isLocked: false }),
      (kv: ReturnType<typeof getRecordsKeyValue>) => kv.set('shape:cell', { ...cell, x: 500 }),
      (kv: ReturnType<typeof getRecordsKeyValue>) => kv.delete('shape:frame'),
    ]
    for (const edit of edits) {
      expect(send('editor', edit)).toBe(RefusalReason.scaffoldLocked)
      expect(records().get('shape:cell')).toEqual(cell)
      expect(records().has('shape:frame')).toBe(true)
      converged()
    }
  })

  it('bring back what a refused frame deletion took with it', () => {
    const { send, records, converged } = board()
    expect(
      send('editor', (kv) => {
        kv.delete('shape:free')
        kv.delete('shape:cell')
        kv.delete('shape:frame')
      }),
    ).toBe(RefusalReason.scaffoldLocked)
    expect([...records().keys()].sort()).toEqual(['page:page', 'shape:cell', 'shape:frame', 'shape:free'])
    converged()
  })

  it('let a participant add a grid row, which moves locked rows down', () => {
    const { send, records, cell } = board()
    const row = noteRecord('shape:row', 'row', { parentId: 'shape:frame', isLocked: true, y: 0 })
    expect(
      send('editor', (kv) => {
        kv.set('shape:cell', { ...cell, y: (cell.y as number) + 120 })
        kv.set('shape:row', row)
      }),
    ).toBeNull()
    expect((records().get('shape:cell') as { y: number }).y).toBe((cell.y as number) + 120)
  })

  it('let a participant grow a grid row to hold notes, the frame growing with it, and nothing else', () => {
    const { send, records, converged } = board()
    const grid = gridCellRecord('shape:grid-cell', { parentId: 'shape:frame', y: 100 })
    const below = gridCellRecord('shape:grid-below', {
      parentId: 'shape:frame',
      y: 260,
      meta: { ...(grid.meta as object), row: 'output-2' },
    })
    expect(
      send('facilitator', (kv) => {
        kv.set('shape:grid-cell', grid)
        kv.set('shape:grid-below', below)
      }),
    ).toBeNull()
    const frame = records().get('shape:frame') as { props: { h: number } }
    const taller = (record: Record<string, unknown>, by: number) => ({
      ...record,
      props: { ...(record.props as object), h: (record.props as { h: number }).h + by },
    })
    expect(
      send('editor', (kv) => {
        kv.set('shape:grid-cell', taller(grid, 120))
        kv.set('shape:grid-below', { ...below, y: 380 })
        kv.set('shape:frame', taller(records().get('shape:frame') as Record<string, unknown>, 120))
      }),
    ).toBeNull()
    expect((records().get('shape:grid-cell') as { props: { h: number } }).props.h).toBe(280)
    expect((records().get('shape:grid-below') as { y: number }).y).toBe(380)
    expect((records().get('shape:frame') as { props: { h: number } }).props.h).toBe(frame.props.h + 120)
    // Without the frame growing, or shrinking a row, or changing more than the height: refused.
    for (const edit of [
      (kv: ReturnType<typeof getRecordsKeyValue>) =>
        kv.set('shape:grid-cell', taller(records().get('shape:grid-cell') as Record<string, unknown>, 50)),
      (kv: ReturnType<typeof getRecordsKeyValue>) => {
        kv.set('shape:grid-cell', taller(records().get('shape:grid-cell') as Record<string, unknown>, -100))
        kv.set('shape:frame', taller(records().get('shape:frame') as Record<string, unknown>, 10))
      },
      (kv: ReturnType<typeof getRecordsKeyValue>) => {
        const cell = records().get('shape:grid-cell') as Record<string, unknown>
        kv.set('shape:grid-cell', {
          ...taller(cell, 50),
          props: { ...(taller(cell, 50).props as object), color: 'red' },
        })
        kv.set('shape:frame', taller(records().get('shape:frame') as Record<string, unknown>, 50))
      },
    ]) {
      const cellBefore = records().get('shape:grid-cell')
      expect(send('editor', edit)).toBe(RefusalReason.scaffoldLocked)
      expect(records().get('shape:grid-cell')).toEqual(cellBefore)
      converged()
    }
  })

  it('let facilitators change scaffold, and everyone once the lock is off', () => {
    const facilitated = board()
    expect(facilitated.send('facilitator', (kv) => kv.delete('shape:cell'))).toBeNull()
    const unlocked = board({ scaffoldLocked: () => false })
    expect(unlocked.send('editor', (kv) => kv.delete('shape:cell'))).toBeNull()
  })

  it('keep co-drafted texts plain text', () => {
    const { room, client } = board()
    const text = () => client.getText('codraft:shape:block')
    expect(
      room.receive(
        updateOf(client, () => text().insert(0, 'Every child')),
        'editor',
      ).reason,
    ).toBeNull()
    const embed = room.receive(
      updateOf(client, () => text().insertEmbed(0, { image: 'x' })),
      'editor',
    )
    expect(embed.reason).toBe(RefusalReason.invalidText)
    Y.applyUpdate(client, embed.correction!)
    expect(room.doc.getText('codraft:shape:block').toString()).toBe('Every child')
    expect(text().toDelta()).toEqual([{ insert: 'Every child' }])
  })

  it('refuse map entries written into the records list', () => {
    const { room, records } = board()
    // A hand-made client that reads the records list as a map.
    const hostile = new Y.Doc()
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(room.doc))
    const update = updateOf(hostile, () => hostile.getMap('tl_records').set('x', 1))
    expect(room.receive(update, 'editor').reason).toBe(RefusalReason.invalidRecord)
    expect(records().size).toBe(4)
  })
})
