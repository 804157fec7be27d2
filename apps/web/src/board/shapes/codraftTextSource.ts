import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { getCodraftText } from '@cg/codraft'

/**
 * Which Y.Doc holds the co-drafted texts of a store's blocks. Exports (SVG, PNG, PDF) render outside our React
 * tree, so the shape util finds the text through the editor's store rather than through context.
 */
const docsByStore = new Map<string, Y.Doc>()

export function registerCodraftDoc(storeId: string, doc: Y.Doc): () => void {
  docsByStore.set(storeId, doc)
  return () => {
    if (docsByStore.get(storeId) === doc) docsByStore.delete(storeId)
  }
}

/** The current text of a co-draft block, or '' when its board's doc is not known here. */
export function codraftTextOf(editor: Editor, shapeId: string): string {
  const doc = docsByStore.get(editor.store.id)
  return doc ? getCodraftText(doc, shapeId).toString() : ''
}
