import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsKeyValue } from '@cg/tldraw-yjs/layout'
import { readVersionContent, shapeCount } from './versionContent.ts'
import { applyContentDiff, decodeStored, diffContent, encodeStored } from './contentDiff.ts'
import { restoreUpdate } from './restoreContent.ts'
import { versionsToDrop } from './retention.ts'

const note = (id: string, text: string) => ({ id, typeName: 'shape', type: 'note', props: { text } })

function boardWith(notes: number): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    const kv = getRecordsKeyValue(doc)
    kv.set('page:page', { id: 'page:page', typeName: 'page' })
    for (let i = 0; i < notes; i++) kv.set(`shape:${i}`, note(`shape:${i}`, `Note ${i}`))
    doc.getText('codraft:shape:vision').insert(0, 'Every child safe')
  })
  return doc
}

describe('board content', () => {
  it('is read as readers see it: the newest entry of each key, and the co-drafted texts', () => {
    const doc = boardWith(3)
    const content = readVersionContent(doc)
    expect(Object.keys(content.records).sort()).toEqual(['page:page', 'shape:0', 'shape:1', 'shape:2'])
    expect(content.texts).toEqual({ 'codraft:shape:vision': 'Every child safe' })
    expect(shapeCount(content)).toBe(3)
  })

  it('goes from one version to the next as a difference, and back to whole', () => {
    const doc = boardWith(300)
    const before = readVersionContent(doc)
    doc.transact(() => {
      getRecordsKeyValue(doc).set('shape:1', note('shape:1', 'changed'))
      getRecordsKeyValue(doc).delete('shape:2')
      getRecordsKeyValue(doc).set('shape:new', note('shape:new', 'new'))
      doc.getText('codraft:shape:vision').insert(16, ' and learning')
    })
    const after = readVersionContent(doc)
    const diff = diffContent(before, after)
    expect(Object.keys(diff.set).sort()).toEqual(['shape:1', 'shape:new'])
    expect(diff.removed).toEqual(['shape:2'])
    expect(applyContentDiff(before, decodeStored(encodeStored(diff)))).toEqual(after)
    expect(encodeStored(diff).byteLength).toBeLessThan(encodeStored(after).byteLength / 4)
  })
})

describe('restoring a version', () => {
  it('is a forward change: the board comes back, and an old copy cannot bring deleted work back', () => {
    const server = boardWith(20)
    const version = readVersionContent(server)
    // Someone with an old copy goes offline; then everything is deleted and the version restored.
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server))
    server.transact(() => {
      for (let i = 0; i < 20; i++) getRecordsKeyValue(server).delete(`shape:${i}`)
      getRecordsKeyValue(server).set('shape:after', note('shape:after', 'made after the version'))
      server.getText('codraft:shape:vision').delete(0, 5)
    })
    const restore = restoreUpdate(Y.encodeStateAsUpdate(server), version)!
    Y.applyUpdate(server, restore)
    expect(readVersionContent(server)).toEqual(version)
    expect(restoreUpdate(Y.encodeStateAsUpdate(server), version)).toBeNull()
    // The old copy comes back: nothing it held undoes the restore, and what the restore removed stays removed.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(offline))
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server))
    expect(readVersionContent(server)).toEqual(version)
    expect(readVersionContent(offline)).toEqual(version)
  })
})

describe('retention', () => {
  const hour = 3_600_000
  const policy = { keepAllMs: 24 * hour, hourlyForMs: 30 * 24 * hour }
  const now = 100 * 24 * hour

  it('keeps everything for a day, one an hour for a month, one a day after, and every named one', () => {
    const versions = [
      { id: 'recent-1', createdAt: now - 1 * hour, name: null },
      { id: 'recent-2', createdAt: now - 1 * hour - 60_000, name: null },
      { id: 'hourly-newer', createdAt: now - 48 * hour + 50 * 60_000, name: null },
      { id: 'hourly-older', createdAt: now - 48 * hour + 10 * 60_000, name: null },
      { id: 'daily-newer', createdAt: now - 60 * 24 * hour + 5 * hour, name: null },
      { id: 'daily-older', createdAt: now - 60 * 24 * hour + 1 * hour, name: null },
      { id: 'named-old', createdAt: now - 60 * 24 * hour + 2 * hour, name: 'Before voting' },
    ]
    expect(versionsToDrop(versions, now, policy).sort()).toEqual(['daily-older', 'hourly-older'])
  })
})
