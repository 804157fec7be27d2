import type { Editor, TLFrameShape, TLShapeId, TLShapePartial } from 'tldraw'
import { planGridRow, type Sector, type Template } from '@cg/templates'
import { withScaffoldEditing } from './ScaffoldLock.tsx'
import type { LanguageCode } from '@cg/contract'

/**
 * Adds a row to a template grid on the board as one undoable step: what lies below moves down, the frame
 * grows, the new row header and cells appear. The scaffold is locked, so this runs with the lock lifted.
 */
export function addGridRow(
  editor: Editor,
  template: Template,
  frameId: TLShapeId,
  options: { gridId: string; kind: string; sector?: string; language: LanguageCode; sectors: Sector[] },
) {
  const frame = editor.getShape<TLFrameShape>(frameId)
  if (!frame) return
  const children = editor.getSortedChildIdsForParent(frameId).map((id) => editor.getShape(id)!)
  const plan = planGridRow(template, frame, children, options)
  editor.markHistoryStoppingPoint('add grid row')
  // Past the participants' scaffold lock too: adding a row is the sanctioned way to change the grid.
  withScaffoldEditing(() =>
    editor.run(
      () => {
        editor.updateShapes(plan.moves as TLShapePartial[])
        editor.updateShape<TLFrameShape>({ id: frameId, type: 'frame', props: { h: plan.frameHeight } })
        editor.createShapes(plan.records.map(({ typeName: _typeName, ...record }) => record as TLShapePartial))
      },
      { ignoreShapeLock: true },
    ),
  )
}
