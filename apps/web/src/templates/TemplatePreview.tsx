import { scaffoldBoxes, type Template } from '@cg/templates'
import { swatchColor } from '../shared/tldrawColors.ts'

/** A schematic picture of a template's scaffold, drawn from the same data the layout engine uses. */
export function TemplatePreview({ template, mirrored }: { template: Template; mirrored: boolean }) {
  const { w, h } = template.definition.size
  const boxes = scaffoldBoxes(template.definition)
  const colorOf = (box: (typeof boxes)[number]) => {
    const element = template.definition.elements.find((e) => e.id === box.elementId)
    if (element?.kind === 'box') return swatchColor(element.color)
    if (element?.kind === 'grid' && box.kind !== 'grid-cell') return swatchColor(element.headerColor)
    return swatchColor('grey')
  }
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className="cg-template-preview" aria-hidden="true" focusable="false">
      <rect x={0} y={0} width={w} height={h} fill="#fff" stroke="#1d1d1d" strokeWidth={6} />
      {template.definition.elements
        .filter((element) => element.kind === 'text')
        .map((element) => (
          <rect
            key={element.id}
            x={mirrored ? w - element.x - element.w * 0.6 : element.x}
            y={element.y + 10}
            width={element.w * 0.6}
            height={36}
            rx={8}
            fill="#c9ced6"
          />
        ))}
      {boxes.map((box) => {
        const color = colorOf(box)
        const filled = box.kind !== 'grid-cell'
        return (
          <rect
            key={box.key}
            x={mirrored ? w - box.x - box.w : box.x}
            y={box.y}
            width={box.w}
            height={box.h}
            fill={filled ? color : 'none'}
            fillOpacity={filled ? 0.18 : 0}
            stroke={color}
            strokeWidth={5}
          />
        )
      })}
    </svg>
  )
}
