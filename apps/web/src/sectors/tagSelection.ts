import type { Editor, TLShapePartial } from 'tldraw'
import type { Sector } from '@cg/templates'

/**
 * Tags the selected shapes with a sector (or removes the tag) and gives those that have a colour the
 * sector's colour, so each sector looks the same everywhere. Locked scaffold is left as it is.
 */
export function tagSelection(editor: Editor, sector: Sector | null): number {
  const shapes = editor.getSelectedShapes().filter((shape) => !editor.isShapeOrAncestorLocked(shape))
  const updates: TLShapePartial[] = shapes.map((shape) => {
    const { sector: _previous, ...meta } = shape.meta as Record<string, unknown>
    const colored = sector && 'color' in shape.props ? { props: { color: sector.color } } : {}
    return {
      id: shape.id,
      type: shape.type,
      meta: sector ? { ...meta, sector: sector.id } : meta,
      ...colored,
    } as TLShapePartial
  })
  editor.markHistoryStoppingPoint('tag with sector')
  editor.updateShapes(updates)
  return updates.length
}
