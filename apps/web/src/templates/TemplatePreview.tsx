import { scaffoldBoxes, type Template } from '@cg/templates'

// tldraw's light-theme colours, near enough for a thumbnail.
const COLORS: Record<string, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
  white: '#ffffff',
}

/** A schematic picture of a template's scaffold, drawn from the same data the layout engine uses. */
export function TemplatePreview({ template, mirrored }: { template: Template; mirrored: boolean }) {
  const { w, h } = template.definition.size
  const boxes = scaffoldBoxes(template.definition)
  const colorOf = (box: (typeof boxes)[number]) => {
    const element = template.definition.elements.find((e) => e.id === box.elementId)
    if (element?.kind === 'box') return COLORS[element.color] ?? COLORS.grey!
    if (element?.kind === 'grid' && box.kind !== 'grid-cell') return COLORS[element.headerColor] ?? COLORS.grey!
    return COLORS.grey!
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
