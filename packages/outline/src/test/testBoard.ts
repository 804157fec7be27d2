import { fileURLToPath } from 'node:url'
import { defaultShapeUtils } from 'tldraw'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { boardSchema } from '@cg/board-rules'
import { textDirection, type LanguageCode } from '@cg/contract'
import { layoutTemplate, type TemplateCatalog } from '@cg/templates'
import { loadTemplateCatalog } from '@cg/templates/node'
import type { OutlineInput, OutlineWords } from '../outlineTypes.ts'
import { toRichText } from '../richText.ts'

/** The repository's real templates and sectors. */
export const catalog: TemplateCatalog = loadTemplateCatalog(
  fileURLToPath(new URL('../../../../templates', import.meta.url)),
).catalog

export const PAGE_ID = 'page:page'

/** Words as the web app's dictionary would give them, in English. */
export const englishWords: OutlineWords = {
  untitledFrame: 'Untitled frame',
  looseNotes: (where) =>
    where.kind === 'near' ? `Notes ${where.side} ${where.frameTitle}` : `Notes, group ${where.index} of ${where.count}`,
}

/** tldraw's own defaults for a new shape of `type` (what its tools start from). */
export function tldrawDefaults(type: string): Record<string, unknown> {
  const util = defaultShapeUtils.find((candidate) => candidate.type === type)
  // A group has no props (its util is the editor's own, not among the default shape utils).
  if (!util) return {}
  return new (util as never as new (editor: null) => { getDefaultProps(): Record<string, unknown> })(
    null,
  ).getDefaultProps()
}

let counter = 0
let lastIndex = 'a1' as IndexKey
/** A fresh index above every one given before: each new thing goes on top, as on the canvas. */
const nextIndex = () => (lastIndex = getIndexAbove(lastIndex))

/**
 * A board as its doc stores it: a page, templates laid out by the real engine, notes made as tldraw makes them
 * (validated by the server's schema as they are made).
 */
export class TestBoard {
  readonly records = new Map<string, unknown>([
    [PAGE_ID, { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }],
  ])

  addTemplate(templateId: string, language: LanguageCode, at: { x: number; y: number }, sector?: string): string {
    const template = catalog.templates.find((candidate) => candidate.definition.id === templateId)!
    const { frameId, records } = layoutTemplate(template, {
      language,
      at,
      parentId: PAGE_ID as never,
      index: nextIndex(),
      sectors: catalog.sectors,
      ...(sector ? { sector } : {}),
    })
    for (const record of records) this.records.set(record.id, record)
    return frameId
  }

  /** A frame of its own (not a template's). */
  addFrame(name: string, box: { x: number; y: number; w: number; h: number }, parentId = PAGE_ID): string {
    const id = `shape:frame${++counter}`
    this.put({
      id,
      type: 'frame',
      parentId,
      index: nextIndex(),
      x: box.x,
      y: box.y,
      props: { w: box.w, h: box.h, name, color: 'black' },
    })
    return id
  }

  /** A sticky note whose top-left corner is at (x, y) of its parent, as tldraw's note tool makes one. */
  addNote(text: string, at: { x: number; y: number }, parentId = PAGE_ID, overrides: Record<string, unknown> = {}) {
    const id = `shape:note${++counter}`
    this.put({
      id,
      type: 'note',
      parentId,
      index: nextIndex(),
      x: at.x,
      y: at.y,
      props: { ...tldrawDefaults('note'), richText: toRichText(text), ...((overrides.props as object) ?? {}) },
      ...Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== 'props')),
    })
    return id
  }

  /** A note with its centre on a point of the page (the frame's own coordinates when `parentId` is a frame). */
  addNoteAt(
    text: string,
    centre: { x: number; y: number },
    parentId = PAGE_ID,
    overrides: Record<string, unknown> = {},
  ) {
    return this.addNote(text, { x: centre.x - 100, y: centre.y - 100 }, parentId, overrides)
  }

  /** Any shape, its props over tldraw's defaults for its type, on top of what is there. */
  put(partial: Record<string, unknown>): void {
    const props = { ...tldrawDefaults(partial.type as string), ...(partial.props as object) }
    const record = boardSchema.types.shape.create({ index: nextIndex(), ...partial, props } as never)
    boardSchema.types.shape.validate(record)
    this.records.set(record.id, record)
  }

  /** The scaffold shape of a template frame whose meta matches. */
  scaffold(
    frameId: string,
    meta: Record<string, unknown>,
  ): Record<string, unknown> & { id: string; x: number; y: number; props: Record<string, number> } {
    const found = [...this.records.values()].find(
      (record) =>
        (record as { parentId?: string }).parentId === frameId &&
        Object.entries(meta).every(([key, value]) => (record as { meta: Record<string, unknown> }).meta[key] === value),
    )
    if (!found) throw new Error(`no scaffold ${JSON.stringify(meta)} in ${frameId}`)
    return found as never
  }

  /** The middle of a scaffold shape, in its frame's coordinates. */
  middleOf(frameId: string, meta: Record<string, unknown>): { x: number; y: number } {
    const shape = this.scaffold(frameId, meta)
    return { x: shape.x + shape.props.w! / 2, y: shape.y + shape.props.h! / 2 }
  }

  input(language: LanguageCode, extra: Partial<OutlineInput> = {}): OutlineInput {
    return {
      records: this.records,
      catalog,
      language,
      rtl: textDirection(language) === 'rtl',
      codraftText: () => '',
      words: englishWords,
      ...extra,
    }
  }
}
