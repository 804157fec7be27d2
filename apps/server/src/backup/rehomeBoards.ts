import * as Y from 'yjs'
import { readVotingSessions, readWorkshop, writeVotingSession, writeWorkshop } from '@cg/facilitation'
import { updateFor } from '@cg/facilitation/private-drafts'
import { getRecordsKeyValue, readDocRecords, writeEntries } from '@cg/tldraw-yjs/layout'

/*
 * A restore gives every board of a workshop a new id: what the documents say of the old ids (file addresses,
 * breakouts, votes, slides) is moved to the new ones.
 */

/**
 * A board document with its file addresses moved from the old board ids to the new ones (any board of the
 * workshop: work brought back from a breakout points at the breakout's files).
 */
export function rehomeAssets(state: Uint8Array, ids: ReadonlyMap<string, string>): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const change = updateFor(doc, (copy) => {
    const moved = new Map<string, unknown>()
    for (const [key, record] of readDocRecords(copy)) {
      const asset = record as { typeName?: string; props?: { src?: unknown } }
      // A file's address as uploads give it (ApiRoutes.getAsset), read and rewritten as stored, not re-encoded.
      const match =
        typeof asset.props?.src === 'string' ? /^\/api\/boards\/([^/]+)\/assets\/(.+)$/.exec(asset.props.src) : null
      const toId = match ? ids.get(match[1]!) : undefined
      if (asset.typeName === 'asset' && match && toId) {
        moved.set(key, {
          ...asset,
          props: { ...asset.props, src: `/api/boards/${toId}/assets/${match[2]}` },
        })
      }
    }
    writeEntries(getRecordsKeyValue(copy), moved)
  })
  if (change) Y.applyUpdate(doc, change)
  return Y.encodeStateAsUpdate(doc)
}

/** The workshop state with breakout and vote references moved to the new board ids. */
export function rehomeWorkshop(state: Uint8Array, ids: ReadonlyMap<string, string>): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const change = updateFor(doc, (copy) => {
    const breakouts = readWorkshop(copy, 'breakouts')
    if (breakouts) {
      writeWorkshop(copy, 'breakouts', {
        ...breakouts,
        groups: breakouts.groups.map((group) => ({ ...group, boardId: ids.get(group.boardId) ?? group.boardId })),
      })
    }
    const slides = readWorkshop(copy, 'slides')
    if (slides) writeWorkshop(copy, 'slides', { ...slides, boardId: ids.get(slides.boardId) ?? slides.boardId })
    for (const session of readVotingSessions(copy)) {
      writeVotingSession(copy, { ...session, boardId: ids.get(session.boardId) ?? session.boardId })
    }
  })
  if (change) Y.applyUpdate(doc, change)
  return Y.encodeStateAsUpdate(doc)
}
