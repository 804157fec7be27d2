import { forwardRef } from 'react'
import { DefaultShapeWrapper, useValue, type TLShapeWrapperProps } from 'tldraw'
import { $sectorLens, sectorOf } from './sectorLens.ts'

/**
 * Marks each shape with its sector, and fades it while a lens on another sector is on. CSS does the fading:
 * nothing is written to the board.
 */
export const SectorShapeWrapper = forwardRef<HTMLDivElement, TLShapeWrapperProps>(
  function SectorShapeWrapper(props, ref) {
    const sector = sectorOf(props.shape.meta)
    const lens = useValue('sector lens', () => $sectorLens.get(), [])
    // Frames and template scaffold keep full strength so the structure stays readable.
    const structure = props.shape.type === 'frame' || props.shape.meta.template !== undefined
    const faded = lens !== null && sector !== lens && !structure
    return <DefaultShapeWrapper ref={ref} {...props} data-sector={sector} data-lens-faded={faded || undefined} />
  },
)
