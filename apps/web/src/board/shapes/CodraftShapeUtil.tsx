import { BaseBoxShapeUtil, HTMLContainer, useEditor, useValue, type TLShape } from 'tldraw'
import { CODRAFT_SHAPE_TYPE, codraftShapeMigrations, codraftShapeProps } from '@cg/codraft'
import { swatchColor } from '../../shared/tldrawColors.ts'
import { CodraftTextarea } from './CodraftTextarea.tsx'
import { codraftTextOf } from './codraftTextSource.ts'

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
  static override migrations = codraftShapeMigrations

  getDefaultProps(): CodraftShape['props'] {
    return { w: 480, h: 280, label: '', color: 'violet' }
  }

  component(shape: CodraftShape) {
    return <CodraftBlock shape={shape} />
  }

  override getText(shape: CodraftShape): string {
    return codraftTextOf(this.editor, shape.id)
  }

  /** Exports (PNG, SVG, PDF) show the heading and the co-drafted text, as real text. */
  override toSvg(shape: CodraftShape) {
    const color = swatchColor(shape.props.color)
    const text = codraftTextOf(this.editor, shape.id)
    return (
      <g>
        <rect width={shape.props.w} height={shape.props.h} rx={8} fill="#ffffff" stroke={color} strokeWidth={2} />
        <foreignObject x={12} y={8} width={Math.max(0, shape.props.w - 24)} height={Math.max(0, shape.props.h - 16)}>
          <div
            // @ts-expect-error: xmlns is needed on HTML inside SVG, React passes it through
            xmlns="http://www.w3.org/1999/xhtml"
            dir="auto"
            style={{
              font: '14px/1.4 system-ui, sans-serif',
              color: '#1d1d1d',
              whiteSpace: 'pre-wrap',
              overflow: 'hidden',
              height: '100%',
            }}
          >
            <div style={{ color, fontWeight: 700, marginBottom: 6 }}>{shape.props.label}</div>
            {text}
          </div>
        </foreignObject>
      </g>
    )
  }

  getIndicatorPath(shape: CodraftShape) {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}
