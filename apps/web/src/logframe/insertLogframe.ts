import { toRichText, type Editor, type TLShapeId } from 'tldraw'
import type { Logframe } from '@cg/logframe'
import { rowLabel, type Sector, type Template, type TemplateGrid } from '@cg/templates'
import { insertTemplate } from '../board/insertTemplate.ts'
import type { LanguageCode } from '@cg/contract'

const LINE_HEIGHT = 24

/**
 * Lays an imported logframe out as a new logframe frame: the template's grid with one row per row of the file
 * (labelled like rows added on the board, in the frame's language), and the text of each cell on a note in it.
 */
export function insertLogframe(
  editor: Editor,
  template: Template,
  logframe: Logframe,
  language: LanguageCode,
  sectors: Sector[],
): TLShapeId {
  const grid = template.definition.elements.find((element): element is TemplateGrid => element.kind === 'grid')!
  const strings = structuredClone(template.strings)
  const kindOf = (level: string) => grid.rowKinds.find((kind) => kind.kind === level)
  const rows = logframe.rows.map((row, index) => {
    const key = `imported.row.${index}`
    const base =
      row.level === 'goal'
        ? 'row.goal'
        : row.level === 'outcome'
          ? 'row.outcome'
          : row.level === 'output'
            ? 'row.output'
            : 'row.activities'
    const sector = sectors.find((candidate) => candidate.id === row.sector)
    for (const code of Object.keys(strings) as LanguageCode[]) {
      strings[code][key] = rowLabel({ ...template.strings.en, ...template.strings[code] }, base, sector, code)
    }
    // Tall enough for the longest cell's lines, never shorter than the template's row of that kind.
    const lines = Math.max(...Object.values(row.cells).map((text) => (text ? text.split('\n').length : 0)))
    const height = Math.max(kindOf(row.level)?.h ?? 150, 60 + lines * LINE_HEIGHT)
    return {
      id: `row-${index + 1}`,
      label: key,
      h: height,
      ...(row.sector ? { sector: row.sector } : {}),
      ...(row.level === 'goal' ? {} : { kind: row.level }),
    }
  })
  const gridHeight = rows.reduce((sum, row) => sum + row.h, 0)
  const definition = {
    ...template.definition,
    size: { ...template.definition.size, h: grid.y + grid.headerHeight + gridHeight + 40 },
    elements: template.definition.elements.map((element) => (element === grid ? { ...grid, rows } : element)),
  }
  const derived: Template = { definition, strings: { ...strings } }
  // The title of the file becomes the frame's title text.
  for (const code of Object.keys(derived.strings) as LanguageCode[])
    derived.strings[code] = { ...derived.strings[code], title: logframe.title }
  const [frameId] = insertTemplate(editor, derived, language, sectors)
  editor.run(() => {
    const cells = editor
      .getSortedChildIdsForParent(frameId!)
      .map((id) => editor.getShape(id)!)
      .filter((shape) => shape.meta.part === 'grid-cell')
    for (const [index, row] of logframe.rows.entries()) {
      for (const [column, text] of Object.entries(row.cells)) {
        if (!text) continue
        const cell = cells.find((shape) => shape.meta.row === `row-${index + 1}` && shape.meta.column === column)
        if (!cell) continue
        const { w, h } = cell.props as { w: number; h: number }
        const scale = Math.max(0.4, Math.min(1, (w - 20) / 200, (h - 20) / 200))
        editor.createShape({
          type: 'note',
          parentId: frameId!,
          x: cell.x + 10,
          y: cell.y + 10,
          props: { richText: toRichText(text), scale, color: 'light-blue' },
          ...(row.sector ? { meta: { sector: row.sector } } : {}),
        })
      }
    }
  })
  return frameId!
}
