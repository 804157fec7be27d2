import * as Y from 'yjs'
import { diffText } from '@cg/codraft'
import { getRecordsKeyValue, readDocRecords, writeEntries } from '@cg/tldraw-yjs/layout'
import { CODRAFT_TEXT_PREFIX } from '@cg/codraft'
import type { VersionContent } from './versionContent.ts'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The update that sets a board to `content`, as a forward change made on a copy of its state: records that
 * differ are written anew, records the version lacks are deleted, co-drafted texts are edited to the version's.
 * Applied like any edit, it reaches everyone live, and a browser that comes back later with an old copy cannot
 * bring deleted work back (the deletions are newer than anything it holds). Null when nothing differs.
 */
export function restoreUpdate(state: Uint8Array, content: VersionContent): Uint8Array | null {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, state)
  const updates: Uint8Array[] = []
  copy.on('update', (update: Uint8Array) => updates.push(update))
  copy.transact(() => {
    const current = readDocRecords(copy)
    const entries = new Map<string, unknown>()
    for (const key of current.keys()) if (!(key in content.records)) entries.set(key, undefined)
    for (const [key, value] of Object.entries(content.records))
      if (!same(current.get(key), value)) entries.set(key, value)
    writeEntries(getRecordsKeyValue(copy), entries)
    const names = new Set([...copy.share.keys()].filter((name) => name.startsWith(CODRAFT_TEXT_PREFIX)))
    for (const name of Object.keys(content.texts)) names.add(name)
    for (const name of names) {
      const text = copy.getText(name)
      const before = text.toString()
      const after = content.texts[name] ?? ''
      if (before === after) continue
      const edit = diffText(before, after)
      if (edit.removed > 0) text.delete(edit.start, edit.removed)
      if (edit.inserted) text.insert(edit.start, edit.inserted)
    }
  })
  copy.destroy()
  return updates.length > 0 ? Y.mergeUpdates(updates) : null
}
