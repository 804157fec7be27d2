/*
 * The outline person as canvas users see them: a tldraw `instance_presence` record in the board room's awareness
 * (under DEFAULT_PRESENCE_FIELD, as a canvas tab publishes it), written by hand because the outline never loads
 * tldraw. Its fields are exactly those tldraw's validator requires (the test checks it against tldraw's record
 * type): a canvas tab that receives an invalid presence drops it, and the person would be invisible.
 */

/** A point in page coordinates (the board's own units). */
export interface PagePoint {
  x: number
  y: number
}

export interface OutlinePresenceInput {
  /** `user:` + this device's id, as on the canvas. */
  userId: string
  name: string
  color: string
  /** The page the focused item is on (tldraw's `page:` id). */
  pageId: string
  /** The focused note, if the focus is on one. */
  selectedShapeIds: readonly string[]
  /** The centre of the focused item: where the canvas draws this person's cursor. */
  cursor: PagePoint | null
  /** When this person last moved (this page's clock, like tldraw's pointer). */
  now: number
}

/** The viewport a canvas user following this person is taken to: a screenful centred on their cursor. */
const VIEW = { w: 1280, h: 800 }

export function outlinePresenceRecord(input: OutlinePresenceInput): Record<string, unknown> {
  const { cursor } = input
  return {
    typeName: 'instance_presence',
    // Canvas tabs key a peer's presence by its awareness client id; this id only has to be well formed.
    id: 'instance_presence:outline',
    userId: input.userId,
    userName: input.name,
    lastActivityTimestamp: input.now,
    followingUserId: null,
    cursor: cursor ? { x: cursor.x, y: cursor.y, type: 'default', rotation: 0 } : null,
    color: input.color,
    camera: cursor ? { x: VIEW.w / 2 - cursor.x, y: VIEW.h / 2 - cursor.y, z: 1 } : null,
    screenBounds: { x: 0, y: 0, w: VIEW.w, h: VIEW.h },
    selectedShapeIds: [...input.selectedShapeIds],
    currentPageId: input.pageId,
    brush: null,
    scribbles: [],
    chatMessage: '',
    meta: {},
  }
}

interface ParentedRecord {
  typeName?: unknown
  parentId?: unknown
  index?: unknown
}

/**
 * The page a shape is on (following its parents), else the board's first page (lowest index); a default id on a
 * board with no page at all yet.
 */
export function pageOf(records: ReadonlyMap<string, unknown>, shapeId: string | null): string {
  let id = shapeId
  for (let depth = 0; id && depth < 100; depth++) {
    if (id.startsWith('page:')) return id
    const parent = (records.get(id) as ParentedRecord | undefined)?.parentId
    id = typeof parent === 'string' ? parent : null
  }
  let first: { id: string; index: string } | null = null
  for (const [key, value] of records) {
    const record = value as ParentedRecord
    if (record?.typeName !== 'page') continue
    const index = typeof record.index === 'string' ? record.index : ''
    if (!first || index < first.index) first = { id: key, index }
  }
  return first?.id ?? 'page:page'
}
