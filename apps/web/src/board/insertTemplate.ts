import { Box, type Editor, type TLShapeId, type TLShapePartial } from 'tldraw'
import { layoutTemplate, type Sector, type Template } from '@cg/templates'
import type { LanguageCode } from '@cg/contract'
import { zoomToBoundsClear } from './clearViewport.ts'

// Room between a new template and what is already on the page.
const GAP = 200

/**
 * Places a template on the current page to the right of everything already there (several templates can
 * share a board), as one undoable step, then selects it (unless `select` is false: a template laid out for
 * participants, who should start writing in it, not holding it) and zooms to it. A per-sector template gets one
 * frame for each of `forSectors`, side by side.
 */
export function insertTemplate(
  editor: Editor,
  template: Template,
  language: LanguageCode,
  sectors: Sector[],
  forSectors: (string | undefined)[] = [undefined],
  options: { newShapeId?: () => TLShapeId; select?: boolean } = {},
): TLShapeId[] {
  const pageId = editor.getCurrentPageId()
  const frameIds: TLShapeId[] = []
  // Its own undo step: Ctrl+Z removes the template, not also what was drawn before it.
  editor.markHistoryStoppingPoint('insert template')
  editor.run(() => {
    for (const sector of forSectors) {
      const bounds = editor.getCurrentPageBounds()
      const { frameId, records } = layoutTemplate(template, {
        language,
        at: bounds ? { x: bounds.maxX + GAP, y: bounds.minY } : { x: 0, y: 0 },
        parentId: pageId,
        index: editor.getHighestIndexForParent(pageId),
        sectors,
        ...(sector ? { sector } : {}),
        ...(options.newShapeId ? { newShapeId: options.newShapeId } : {}),
      })
      // Through the editor, not the store: it sizes each label to its text (growY) as a person's shapes would be.
      editor.createShapes(records.map(({ typeName: _typeName, ...record }) => record as TLShapePartial))
      frameIds.push(frameId)
    }
    if (options.select !== false) editor.select(...frameIds)
  })
  const inserted = Box.Common(frameIds.flatMap((id) => editor.getShapePageBounds(id) ?? []))
  if (frameIds.length > 0) zoomToBoundsClear(editor, inserted)
  return frameIds
}
