import {
  createShapeId,
  toRichText,
  type TLFrameShape,
  type TLGeoShape,
  type TLParentId,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { getIndices, type IndexKey } from '@tldraw/utils'
import { CODRAFT_SHAPE_TYPE } from '@cg/codraft'
import { scaffoldBoxes, type ScaffoldBox } from './scaffoldBoxes.ts'
import type { Sector, Template } from './templateSchema.ts'
import { textDirection, type LanguageCode } from '@cg/contract'

export interface LayoutOptions {
  language: LanguageCode
  /** Where the frame's top-left corner goes, in page coordinates. */
  at: { x: number; y: number }
  parentId: TLParentId
  /** The frame's index among its siblings (put it above what is already on the page). */
  index: IndexKey
  sectors: Sector[]
  /** For per-sector templates: the sector this frame is for. */
  sector?: string
  /**
   * Makes shape ids (default: random). A deterministic one lets several clients lay out the same template on
   * an empty breakout board at the same moment and converge on one copy instead of two.
   */
  newShapeId?: () => TLShapeId
}

/** What each scaffold shape knows about itself, kept in `meta` so a logframe can be read back as a table. */
export interface ScaffoldMeta {
  template: string
  templateVersion: number
  element: string
  part: ScaffoldBox['kind'] | 'text' | 'frame'
  row?: string
  rowKind?: string
  column?: string
  sector?: string
  /** The box is a voting target (see the template schema's `voteTarget`). */
  voteTarget?: boolean
  /** The template string the shape was laid out with: read in each reader's language while nobody retypes it. */
  textKey?: string
  [key: string]: string | number | boolean | undefined
}

const BASE = { rotation: 0, opacity: 1, typeName: 'shape' } as const

/**
 * Lays a template out as tldraw records: one frame (left unlocked, so notes can be dropped into it) holding
 * locked scaffold shapes. Pure data in, records out: the same function serves the browser and server tools.
 */
export function layoutTemplate(template: Template, options: LayoutOptions): { frameId: TLShapeId; records: TLShape[] } {
  const newShapeId = options.newShapeId ?? (() => createShapeId())
  const { definition, strings } = template
  const text = (key: string) => strings[options.language][key] ?? strings.en[key] ?? key
  const rtl = textDirection(options.language) === 'rtl'
  // Where reading order matters, Arabic reads the scaffold from the right.
  const mirrored = rtl && definition.mirrorInRtl
  const placeX = (x: number, w: number) => (mirrored ? definition.size.w - x - w : x)
  const meta = (element: string, part: ScaffoldMeta['part'], extra: Partial<ScaffoldMeta> = {}): ScaffoldMeta => ({
    template: definition.id,
    templateVersion: definition.version,
    element,
    part,
    ...Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
  })

  function frameName() {
    const sector = options.sectors.find((candidate) => candidate.id === options.sector)
    return sector ? `${text('name')} — ${sector.names[options.language]}` : text('name')
  }

  const frameId = newShapeId()
  const frame: TLFrameShape = {
    ...BASE,
    id: frameId,
    type: 'frame',
    x: options.at.x,
    y: options.at.y,
    index: options.index,
    parentId: options.parentId,
    isLocked: false,
    props: { w: definition.size.w, h: definition.size.h, name: frameName(), color: 'black' },
    // The language it was laid out in, so rows added later speak the same language.
    meta: meta(definition.id, 'frame', { sector: options.sector, language: options.language }),
  }

  const boxes = scaffoldBoxes(definition)
  const texts = definition.elements.filter((element) => element.kind === 'text')
  const indices = getIndices(boxes.length + texts.length).slice(1)
  const children: TLShape[] = []
  const sectorColor = (id: string | undefined) => options.sectors.find((sector) => sector.id === id)?.color

  for (const box of boxes) {
    const element = definition.elements.find((candidate) => candidate.id === box.elementId)!
    if (element.kind === 'codraft') {
      const block: TLShape = {
        ...BASE,
        id: newShapeId(),
        type: CODRAFT_SHAPE_TYPE,
        x: placeX(box.x, box.w),
        y: box.y,
        index: indices[children.length]!,
        parentId: frameId,
        // Locked in place like the scaffold; people type into it without selecting it.
        isLocked: true,
        props: { w: box.w, h: box.h, label: text(element.label), color: element.color },
        meta: meta(box.elementId, 'codraft', { sector: options.sector }),
      }
      children.push(block)
      continue
    }
    const styled = element.kind === 'box' ? element : undefined
    const header = box.kind === 'grid-header' || box.kind === 'grid-corner' || box.kind === 'grid-row-header'
    const headerColor = element.kind === 'grid' ? element.headerColor : 'black'
    const geo: TLGeoShape = {
      ...BASE,
      id: newShapeId(),
      type: 'geo',
      x: placeX(box.x, box.w),
      y: box.y,
      index: indices[children.length]!,
      parentId: frameId,
      isLocked: true,
      props: {
        geo: 'rectangle',
        dash: 'solid',
        url: '',
        w: box.w,
        h: box.h,
        growY: 0,
        scale: 1,
        flipX: false,
        flipY: false,
        labelColor: 'black',
        color:
          styled?.color ??
          (box.kind === 'grid-row-header' ? (sectorColor(box.sector) ?? headerColor) : header ? headerColor : 'grey'),
        fill: styled?.fill ?? (header ? 'solid' : 'none'),
        size: styled?.size ?? 's',
        font: 'sans',
        align: styled?.align ?? (box.kind === 'grid-row-header' ? 'start' : 'middle'),
        verticalAlign:
          styled?.verticalAlign ??
          (box.kind === 'grid-header' && element.kind === 'grid'
            ? element.headerVerticalAlign
            : header
              ? 'middle'
              : 'start'),
        richText: toRichText(box.label ? text(box.label) : ''),
      },
      meta: meta(box.elementId, box.kind, {
        // The string it says, so each reader can be shown it in their own language (see scaffoldText).
        textKey: box.label,
        row: box.row,
        rowKind: box.rowKind,
        column: box.column,
        sector: box.sector ?? styled?.sector ?? options.sector,
        ...(styled?.voteTarget ? { voteTarget: true } : {}),
      }),
    }
    children.push(geo)
  }
  for (const element of texts) {
    const label: TLTextShape = {
      ...BASE,
      id: newShapeId(),
      type: 'text',
      x: placeX(element.x, element.w),
      y: element.y,
      index: indices[children.length]!,
      parentId: frameId,
      isLocked: element.locked,
      props: {
        color: element.color,
        size: element.size,
        font: 'sans',
        textAlign: 'start',
        w: element.w,
        richText: toRichText(text(element.text)),
        scale: 1,
        autoSize: false,
      },
      meta: meta(element.id, 'text', { sector: options.sector, textKey: element.text }),
    }
    children.push(label)
  }
  return { frameId, records: [frame, ...children] }
}
