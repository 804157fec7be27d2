import { createShapeId, type Editor } from 'tldraw'
import { CODRAFT_SHAPE_TYPE } from '@cg/codraft'

const SIZE = { w: 560, h: 320 }

/** Adds a co-draft block in the middle of the view, selected, so the group can start writing in it. */
export function insertCodraftBlock(editor: Editor, label: string) {
  const centre = editor.getViewportPageBounds().center
  const id = createShapeId()
  editor.markHistoryStoppingPoint('add co-draft block')
  editor.run(() => {
    editor.createShape({
      id,
      type: CODRAFT_SHAPE_TYPE,
      x: centre.x - SIZE.w / 2,
      y: centre.y - SIZE.h / 2,
      props: { ...SIZE, label, color: 'violet' },
    })
    editor.select(id)
  })
  return id
}
