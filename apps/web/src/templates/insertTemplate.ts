import type { Editor, TLShapePartial } from 'tldraw'
import { layoutTemplate, type Sector, type Template, type TemplateLanguage } from '@cg/templates'

// Room between a new template and what is already on the page.
const GAP = 200

/**
 * Places a template on the current page to the right of everything already there (several templates can
 * share a board), as one undoable step, then selects it and zooms to it.
 */
export function insertTemplate(editor: Editor, template: Template, language: TemplateLanguage, sectors: Sector[]) {
  const pageId = editor.getCurrentPageId()
  const bounds = editor.getCurrentPageBounds()
  const { frameId, records } = layoutTemplate(template, {
    language,
    at: bounds ? { x: bounds.maxX + GAP, y: bounds.minY } : { x: 0, y: 0 },
    parentId: pageId,
    index: editor.getHighestIndexForParent(pageId),
    sectors,
  })
  // Through the editor, not the store: it sizes each label to its text (growY) as a person's shapes would be.
  const partials = records.map(({ typeName: _typeName, ...record }) => record as TLShapePartial)
  editor.run(() => {
    editor.createShapes(partials)
    editor.select(frameId)
  })
  editor.zoomToSelection({ animation: { duration: 300 } })
  return frameId
}
