import type { Editor, TLShapeId } from 'tldraw'

/**
 * Frames of the current page in reading order: top to bottom, then along the line (right to left for a
 * right-to-left language). Frames whose tops are within half the smaller height count as one line.
 */
export function framesInReadingOrder(editor: Editor, rtl: boolean): TLShapeId[] {
  const frames = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'frame' && shape.parentId === editor.getCurrentPageId())
    .map((shape) => ({ id: shape.id, bounds: editor.getShapePageBounds(shape.id)! }))
    .filter((frame) => frame.bounds)
  frames.sort((a, b) => {
    const sameLine = Math.abs(a.bounds.minY - b.bounds.minY) < Math.min(a.bounds.h, b.bounds.h) / 2
    if (!sameLine) return a.bounds.minY - b.bounds.minY
    return rtl ? b.bounds.maxX - a.bounds.maxX : a.bounds.minX - b.bounds.minX
  })
  return frames.map((frame) => frame.id)
}
