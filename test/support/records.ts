import { boardSchema } from '@cg/board-rules'

/** Rich text of one paragraph, as tldraw stores a note's text. */
export function richText(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}

/** A real tldraw note record (valid under the server's schema), as a stock client would store it. */
export function noteRecord(id: string, text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return boardSchema.types.shape.create({
    id,
    type: 'note',
    parentId: 'page:page',
    index: 'a1',
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: richText(text),
      scale: 1,
      textLastEditedBy: null,
    },
    ...overrides,
  } as never) as unknown as Record<string, unknown>
}

/** A real tldraw frame record (a template's when `meta.template` is set). */
export function frameRecord(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return boardSchema.types.shape.create({
    id,
    type: 'frame',
    parentId: 'page:page',
    index: 'a1',
    props: { w: 800, h: 600, name: 'Logframe', color: 'black' },
    ...overrides,
  } as never) as unknown as Record<string, unknown>
}

/** A real tldraw geo record laid out as a template grid cell (locked, `meta.part` 'grid-cell'). */
export function gridCellRecord(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return boardSchema.types.shape.create({
    id,
    type: 'geo',
    parentId: 'page:page',
    index: 'a2',
    isLocked: true,
    props: {
      geo: 'rectangle',
      dash: 'solid',
      url: '',
      w: 180,
      h: 160,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'grey',
      fill: 'none',
      size: 's',
      font: 'sans',
      align: 'middle',
      verticalAlign: 'start',
      richText: richText(''),
    },
    meta: { template: 'logframe', part: 'grid-cell', row: 'output-1', column: 'indicators' },
    ...overrides,
  } as never) as unknown as Record<string, unknown>
}

/** A page record, as a board has at least one. */
export const pageRecord = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }

/** A real tldraw image asset record pointing at `src`. */
export function imageAssetRecord(id: string, src: string): Record<string, unknown> {
  return boardSchema.types.asset.create({
    id,
    type: 'image',
    props: { w: 16, h: 16, name: 'photo.png', isAnimated: false, mimeType: 'image/png', src },
  } as never) as unknown as Record<string, unknown>
}

/** A real tldraw image shape showing the asset record `assetId` (as a picture dropped on the board is stored). */
export function imageShapeRecord(id: string, assetId: string): Record<string, unknown> {
  return boardSchema.types.shape.create({
    id,
    type: 'image',
    parentId: 'page:page',
    index: 'a3',
    props: { w: 16, h: 16, playing: true, url: '', assetId, crop: null, flipX: false, flipY: false, altText: '' },
  } as never) as unknown as Record<string, unknown>
}

/** The text of a note record made by `noteRecord` (its first paragraph). */
export function noteText(record: unknown): string | undefined {
  const doc = (record as { props?: { richText?: ReturnType<typeof richText> } } | undefined)?.props?.richText
  return doc?.content[0]?.content.map((part) => part.text).join('')
}
