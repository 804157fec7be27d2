import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import * as Y from 'yjs'
import { CODRAFT_SHAPE_TYPE, getCodraftText } from '@cg/codraft'
import { plainText } from '@cg/templates'

const MIN_SIZE = { w: 400, h: 220 }

/** A text, note or labelled shape whose words can move into a co-draft block. */
export function canMarkForCodrafting(editor: Editor, shape: TLShape | undefined): shape is TLShape {
  if (!shape || editor.isShapeOrAncestorLocked(shape)) return false
  return ['text', 'note', 'geo'].includes(shape.type) && 'richText' in shape.props
}

/**
 * Turns a text block into a co-draft block in the same place, its words moved into the block's Yjs text, as
 * one undoable step on the canvas. From then on several people can type in it at once.
 */
export function markForCodrafting(editor: Editor, doc: Y.Doc, shape: TLShape, label: string): TLShapeId {
  const bounds = editor.getShapePageBounds(shape)!
  const id = createShapeId()
  const words = plainText((shape.props as { richText?: Parameters<typeof plainText>[0] }).richText)
  editor.markHistoryStoppingPoint('write together')
  editor.run(() => {
    editor.createShape({
      id,
      type: CODRAFT_SHAPE_TYPE,
      x: bounds.x,
      y: bounds.y,
      props: {
        w: Math.max(bounds.w, MIN_SIZE.w),
        h: Math.max(bounds.h, MIN_SIZE.h),
        label,
        // Keep what the text was: its sector tag and colour travel with it.
        color: 'color' in shape.props ? (shape.props.color as 'violet') : 'violet',
      },
      meta: shape.meta,
    })
    editor.deleteShape(shape.id)
    editor.select(id)
  })
  getCodraftText(doc, id).insert(0, words)
  return id
}
