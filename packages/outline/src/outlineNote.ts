import { ShapeMeta } from '@cg/contract'
import type { OutlineInput, OutlineNote } from './outlineTypes.ts'
import { isScaffold, metaText, type ShapeRecord } from './boardRecords.ts'
import { plainTextOf } from './richText.ts'
import { CODRAFT_TYPE } from './shownText.ts'

/** Shapes whose words are not a thing of their own on the board (an arrow's label goes with the arrow). */
const NOT_NOTES = new Set(['frame', 'group', 'arrow'])

/**
 * A shape as a note of the outline, or undefined when it is not one: sticky notes (even blank: they are on the
 * board), and texts, geo shapes and the like with words on them, that people made (not scaffold); co-drafted
 * blocks, with their shared text and heading.
 */
export function outlineNoteOf(input: OutlineInput, shape: ShapeRecord, heading?: string): OutlineNote | undefined {
  const codraft = shape.type === CODRAFT_TYPE
  if (NOT_NOTES.has(shape.type) || (isScaffold(shape) && !codraft)) return undefined
  const text = codraft ? input.codraftText(shape.id).trim() : plainTextOf(shape.props.richText)
  if (!text && shape.type !== 'note' && !codraft) return undefined
  const sector = metaText(shape, ShapeMeta.sector)
  const author = metaText(shape, ShapeMeta.revealedAuthor)
  const createdAt = shape.meta[ShapeMeta.createdAt]
  const votes = input.votes?.get(shape.id)
  return {
    kind: 'note',
    id: shape.id,
    shapeType: shape.type,
    text,
    ...(sector ? { sector } : {}),
    ...(author ? { author } : {}),
    ...(typeof createdAt === 'number' && Number.isFinite(createdAt) ? { createdAt } : {}),
    ...(votes !== undefined ? { votes } : {}),
    private: shape.meta.private === true,
    codraft,
    ...(codraft && heading ? { label: heading } : {}),
    editable: (shape.type === 'note' || shape.type === 'text') && !isScaffold(shape) && !shape.isLocked,
  }
}
