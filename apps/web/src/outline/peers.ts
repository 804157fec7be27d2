import { placeAt, type Outline } from '@cg/outline'
import type { PagePoint } from './presenceRecord.ts'

/** Someone else on the board, as their presence shows them. */
export interface Peer {
  userId: string
  name: string
  color: string
  selectedShapeIds: string[]
  cursor: PagePoint | null
  /** The page their cursor is on. */
  pageId: string | null
}

interface PresenceLike {
  userId?: unknown
  userName?: unknown
  color?: unknown
  selectedShapeIds?: unknown
  cursor?: unknown
  lastActivityTimestamp?: unknown
  currentPageId?: unknown
}

const isPoint = (value: unknown): value is PagePoint =>
  typeof value === 'object' &&
  value !== null &&
  Number.isFinite((value as PagePoint).x) &&
  Number.isFinite((value as PagePoint).y)

/**
 * Everyone else on the board, once each (a person with two tabs shows their latest), sorted by name, from the
 * board room's awareness states: each tab's tldraw presence under `field` (what a canvas tab and this page
 * publish). States come from other browsers: anything malformed is skipped. `me`: this person's user id.
 */
export function readPeers(
  states: ReadonlyMap<number, unknown>,
  ownClientId: number,
  me: string,
  field: string,
): Peer[] {
  const latest = new Map<string, { peer: Peer; at: number }>()
  for (const [clientId, state] of states) {
    if (clientId === ownClientId || typeof state !== 'object' || state === null) continue
    const presence = (state as Record<string, unknown>)[field] as PresenceLike | undefined
    if (typeof presence !== 'object' || presence === null) continue
    const { userId, userName } = presence
    if (typeof userId !== 'string' || userId === me || typeof userName !== 'string') continue
    const at = typeof presence.lastActivityTimestamp === 'number' ? presence.lastActivityTimestamp : 0
    const known = latest.get(userId)
    if (known && known.at >= at) continue
    const selected = Array.isArray(presence.selectedShapeIds) ? presence.selectedShapeIds : []
    latest.set(userId, {
      at,
      peer: {
        userId,
        name: userName.slice(0, 200),
        color: typeof presence.color === 'string' ? presence.color : '#888888',
        selectedShapeIds: selected.filter((id): id is string => typeof id === 'string').slice(0, 100),
        cursor: isPoint(presence.cursor) ? { x: presence.cursor.x, y: presence.cursor.y } : null,
        pageId: typeof presence.currentPageId === 'string' ? presence.currentPageId : null,
      },
    })
  }
  return [...latest.values()].map(({ peer }) => peer).sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The outline item where a person is working: a note or place they have selected, else the innermost place under
 * their cursor (on the board's records); null when the outline shows neither.
 */
export function whereIs(peer: Peer, outline: Outline, records: ReadonlyMap<string, unknown>): string | null {
  const placeOfShape = new Map<string, string>()
  for (const place of outline.placesByKey.values()) if (place.shapeId) placeOfShape.set(place.shapeId, place.key)
  for (const id of peer.selectedShapeIds) {
    if (outline.notes.has(id) || outline.placesByKey.has(id)) return id
    const key = placeOfShape.get(id)
    if (key) return key
  }
  if (!peer.cursor || !peer.pageId) return null
  return placeAt(records, outline, peer.pageId, peer.cursor)?.key ?? null
}
