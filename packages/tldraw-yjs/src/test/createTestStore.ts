import { atom } from '@tldraw/state'
import { Store } from '@tldraw/store'
import {
  createTLSchema,
  toRichText,
  type TLNoteShape,
  type TLPageId,
  type TLShapeId,
  type TLStore,
  type TLStoreSchema,
} from '@tldraw/tlschema'

const schema = createTLSchema()

/**
 * A tldraw store as the editor would leave it after mounting: document, page, and the session records
 * (instance, page state, camera, pointer). `createTLStore` lives in @tldraw/editor, which is not a dependency
 * of this package, so this builds the same thing from @tldraw/store and @tldraw/tlschema.
 */
export function createTestStore(options: { schema?: TLStoreSchema; empty?: boolean } = {}): TLStore {
  const store: TLStore = new Store({
    schema: options.schema ?? schema,
    props: {
      defaultName: '',
      assets: {
        upload: async () => ({ src: '' }),
        resolve: (asset) => asset.props.src,
        remove: async () => {},
      },
      users: { currentUser: atom('currentUser', null), resolve: () => atom('user', null) },
      onMount: () => {},
    },
  })
  // The editor does this on mount; it is @internal in the store's types.
  if (!options.empty) (store as unknown as { ensureStoreIsUsable(): void }).ensureStoreIsUsable()
  return store
}

export const PAGE_ID = 'page:page' as TLPageId

export function createNote(
  store: TLStore,
  id: string,
  overrides: {
    x?: number
    y?: number
    text?: string
    parentId?: TLNoteShape['parentId']
    index?: TLNoteShape['index']
  } = {},
) {
  const note: TLNoteShape = store.schema.types.shape.create({
    id: `shape:${id}` as TLShapeId,
    type: 'note',
    parentId: overrides.parentId ?? PAGE_ID,
    index: overrides.index ?? ('a1' as TLNoteShape['index']),
    x: overrides.x ?? 0,
    y: overrides.y ?? 0,
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(overrides.text ?? ''),
      scale: 1,
      textLastEditedBy: null,
    },
  }) as TLNoteShape
  store.put([note])
  return note
}

export function getNote(store: TLStore, id: string): TLNoteShape | undefined {
  return store.get(`shape:${id}` as TLShapeId) as TLNoteShape | undefined
}

export function noteText(note: TLNoteShape | undefined): string | undefined {
  const paragraph = note?.props.richText.content[0] as { content?: { text: string }[] } | undefined
  return note ? (paragraph?.content?.map((c) => c.text).join('') ?? '') : undefined
}

/** The store's document records, sorted, for comparing two stores or a store with a doc. */
export function documentRecords(store: TLStore) {
  return Object.values(store.serialize('document')).sort((a, b) => a.id.localeCompare(b.id))
}
