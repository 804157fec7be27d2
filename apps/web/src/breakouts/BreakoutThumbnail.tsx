import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { readDocRecords } from '@cg/tldraw-yjs'
import { swatchColor } from '../shared/tldrawColors.ts'
import { boundsOf, sketchBoard, type SketchBox } from './boardSketch.ts'

/** At most this often the thumbnail is redrawn: people drag notes many times a second. */
const REDRAW_MS = 500

/** A live miniature of a breakout board: frames as outlines, notes and shapes as coloured boxes. */
export function BreakoutThumbnail({ doc, label }: { doc: Y.Doc; label: string }) {
  const [boxes, setBoxes] = useState<SketchBox[]>(() => sketchBoard(readDocRecords(doc)))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const redraw = () => {
      if (timer) return
      timer = setTimeout(() => {
        timer = null
        setBoxes(sketchBoard(readDocRecords(doc)))
      }, REDRAW_MS)
    }
    doc.on('update', redraw)
    redraw()
    return () => {
      doc.off('update', redraw)
      if (timer) clearTimeout(timer)
    }
  }, [doc])
  const bounds = boundsOf(boxes)
  const pad = bounds ? Math.max(bounds.w, bounds.h) * 0.04 : 0
  return (
    <svg
      className="cg-thumbnail"
      role="img"
      aria-label={label}
      data-shapes={boxes.length}
      viewBox={bounds ? `${bounds.x - pad} ${bounds.y - pad} ${bounds.w + 2 * pad} ${bounds.h + 2 * pad}` : '0 0 4 3'}
      preserveAspectRatio="xMidYMid meet"
    >
      {boxes.map((box) => {
        const place = { x: box.x, y: box.y, width: box.w, height: box.h }
        return box.kind === 'frame' ? (
          <rect
            key={box.id}
            {...place}
            fill="none"
            stroke="#8a94a6"
            strokeWidth={Math.max(2, (bounds?.w ?? 100) / 300)}
          />
        ) : (
          <rect
            key={box.id}
            {...place}
            rx={4}
            fill={box.kind === 'note' ? swatchColor(box.color) : 'none'}
            fillOpacity={0.8}
            stroke={swatchColor(box.color)}
            strokeWidth={Math.max(1, (bounds?.w ?? 100) / 400)}
          />
        )
      })}
    </svg>
  )
}
