import {
  createBindingId,
  createShapeId,
  type Editor,
  type TLAsset,
  type TLBindingCreate,
  type TLShape,
  type TLShapeId,
  type TLShapePartial,
} from 'tldraw'
import type * as Y from 'yjs'
import { CODRAFT_SHAPE_TYPE, getCodraftText } from '@cg/codraft'
import { ShapeMeta } from '@cg/contract'
import { readDocRecords } from '@cg/tldraw-yjs'
import { boundsOf, sketchBoard } from './boardSketch.ts'
import { zoomToBoundsClear } from '../board/clearViewport.ts'

const GAP = 200
const PADDING = 80

export interface BreakoutWork {
  boardId: string
  name: string
  doc: Y.Doc
}

type Stored = { id: string; typeName: string; [key: string]: unknown }

/**
 * Copies each breakout board's first page onto the plenary board, one labelled frame per group side by side
 * to the right of what is there, as one undo step. Everything gets new ids (the breakouts stay as they
 * were); parents, arrow bindings, images and co-drafted text follow.
 */
export function bringBackToPlenary(editor: Editor, plenaryDoc: Y.Doc, groups: readonly BreakoutWork[]): TLShapeId[] {
  const frameIds: TLShapeId[] = []
  const pageId = editor.getCurrentPageId()
  editor.markHistoryStoppingPoint('bring breakouts back')
  editor.run(() => {
    const pageBounds = editor.getCurrentPageBounds()
    let left = pageBounds ? pageBounds.maxX + GAP : 0
    const top = pageBounds?.minY ?? 0
    for (const group of groups) {
      const records = readDocRecords(group.doc) as Map<string, Stored>
      const sketch = sketchBoard(records)
      const onPage = new Set(sketch.map((box) => box.id))
      const shapes = [...records.values()].filter(
        (record) => record.typeName === 'shape' && onPage.has(record.id),
      ) as unknown as TLShape[]
      const topLevel = new Set(shapes.filter((shape) => !onPage.has(shape.parentId)).map((shape) => shape.id))
      const bounds = boundsOf(sketch.filter((box) => topLevel.has(box.id as TLShapeId))) ?? {
        x: 0,
        y: 0,
        w: 400,
        h: 300,
      }
      const frameId = createShapeId()
      editor.createShape({
        id: frameId,
        type: 'frame',
        parentId: pageId,
        x: left,
        y: top,
        props: { w: bounds.w + 2 * PADDING, h: bounds.h + 2 * PADDING, name: group.name },
        // The report prints a group's work once: from here, in place of its breakout board.
        meta: { [ShapeMeta.fromBreakout]: group.name, [ShapeMeta.breakoutBoardId]: group.boardId },
      })
      const newIds = new Map(shapes.map((shape) => [shape.id, createShapeId()]))
      const depth = (shape: TLShape): number => {
        let level = 0
        for (let parent = shape.parentId; newIds.has(parent as TLShapeId) && level < 50; level++) {
          parent = (records.get(parent) as unknown as TLShape).parentId
        }
        return level
      }
      const partials = [...shapes]
        .sort((a, b) => depth(a) - depth(b))
        .map((shape): TLShapePartial => {
          const { typeName: _typeName, ...rest } = shape as TLShape & { typeName: string }
          const isTop = topLevel.has(shape.id)
          return {
            ...rest,
            id: newIds.get(shape.id)!,
            parentId: isTop ? frameId : newIds.get(shape.parentId as TLShapeId)!,
            x: isTop ? shape.x - bounds.x + PADDING : shape.x,
            y: isTop ? shape.y - bounds.y + PADDING : shape.y,
            meta: { ...shape.meta, [ShapeMeta.fromBreakout]: group.name },
          }
        })
      const assets = [...records.values()].filter(
        (record) => record.typeName === 'asset' && !editor.getAsset(record.id as TLAsset['id']),
      ) as unknown as TLAsset[]
      if (assets.length > 0) editor.createAssets(assets)
      editor.createShapes(partials)
      const bindings = [...records.values()].filter(
        (record) =>
          record.typeName === 'binding' &&
          newIds.has(record.fromId as TLShapeId) &&
          newIds.has(record.toId as TLShapeId),
      )
      if (bindings.length > 0) {
        editor.createBindings(
          bindings.map(({ typeName: _typeName, ...binding }) => ({
            ...binding,
            id: createBindingId(),
            fromId: newIds.get(binding.fromId as TLShapeId)!,
            toId: newIds.get(binding.toId as TLShapeId)!,
          })) as TLBindingCreate[],
        )
      }
      // Co-drafted text lives beside the records, keyed by shape id: it follows the new ids.
      for (const shape of shapes) {
        if (shape.type !== CODRAFT_SHAPE_TYPE) continue
        const text = getCodraftText(group.doc, shape.id).toString()
        if (text) getCodraftText(plenaryDoc, newIds.get(shape.id)!).insert(0, text)
      }
      frameIds.push(frameId)
      left += bounds.w + 2 * PADDING + GAP
    }
  })
  editor.select(...frameIds)
  const selected = editor.getSelectionPageBounds()
  if (selected) zoomToBoundsClear(editor, selected)
  return frameIds
}
