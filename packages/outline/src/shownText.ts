import { scaffoldTextFor, type TemplateCatalog } from '@cg/templates/cells'
import type { LanguageCode } from '@cg/contract'
import { isScaffold, type ShapeRecord } from './boardRecords.ts'
import { plainTextOf } from './richText.ts'

/** What the outline reads words in: the catalog (template wording, sector names) and the reader's language. */
export interface Reading {
  catalog: TemplateCatalog | null
  language: LanguageCode
  rtl: boolean
}

/** A co-drafted block's shape type (`CODRAFT_SHAPE_TYPE` of @cg/codraft, whose entry loads tlschema). */
export const CODRAFT_TYPE = 'codraft'

/** A shape's own words: a frame's name, a co-drafted block's heading, else its rich text. */
export function storedText(shape: ShapeRecord): string {
  if (shape.type === 'frame' || shape.type === CODRAFT_TYPE) {
    const own = shape.type === 'frame' ? shape.props.name : shape.props.label
    return typeof own === 'string' ? own.trim() : ''
  }
  return plainTextOf(shape.props.richText)
}

/**
 * What a reader is shown: a template's wording in their language while nobody has retyped it (as the canvas shows
 * scaffold), else the shape's own words.
 */
export function shownText(reading: Reading, shape: ShapeRecord): string {
  const stored = storedText(shape)
  const catalog = reading.catalog
  if (!catalog || !isScaffold(shape)) return stored
  const meta = shape.meta as Record<string, unknown>
  return (scaffoldTextFor(catalog.templates, catalog.sectors, meta, stored, reading.language) ?? stored).trim()
}

/** Words on one line: a label said in one breath. */
export const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

/** Two parts of a name, as a list is written in the reader's language ("Output: education, Indicators"). */
export function joinLabel(language: LanguageCode, parts: readonly string[]): string {
  return parts.filter((part) => part.length > 0).join(language === 'ar' ? '، ' : ', ')
}
