import { BaseBoxShapeUtil, HTMLContainer, useEditor, useValue, type TLShape } from 'tldraw'
import { CODRAFT_SHAPE_TYPE, codraftShapeProps } from '@cg/templates'
import { swatchColor } from '../tldrawColors.ts'
import { CodraftTextarea } from './CodraftTextarea.tsx'

type CodraftShape = TLShape<'codraft'>

function CodraftBlock({ shape }: { shape: CodraftShape }) {
  const editor = useEditor()
  const readOnly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const color = swatchColor(shape.props.color)
  return (
    <HTMLContainer className="cg-codraft" style={{ borderColor: color, pointerEvents: 'all' }}>
      <div className="cg-codraft-label" style={{ color }}>
        {shape.props.label}
      </div>
      <CodraftTextarea shapeId={shape.id} label={shape.props.label} readOnly={readOnly} />
    </HTMLContainer>
  )
}

/** The co-draft block on the canvas: a heading and a text everyone can type in at once. */
export class CodraftShapeUtil extends BaseBoxShapeUtil<CodraftShape> {
  static override type = CODRAFT_SHAPE_TYPE
  static override props = codraftShapeProps

  getDefaultProps(): CodraftShape['props'] {
    return { w: 480, h: 280, label: '', color: 'violet' }
  }

  component(shape: CodraftShape) {
    return <CodraftBlock shape={shape} />
  }

  getIndicatorPath(shape: CodraftShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}
