import { useId, useState } from 'react'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import type { TemplateGrid } from '@cg/templates'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { SectorSelect } from '../sectors/index.ts'
import { isLanguageCode } from '@cg/contract'
import { LOGFRAME_TEMPLATE_ID, LogframeExport } from '../logframe/index.ts'
import { addGridRow } from './addGridRow.ts'
import { useTemplateCatalog } from '../board/shapes/useTemplateCatalog.ts'

/** While something in a template grid with addable rows is selected: buttons to add those rows. */
export function GridRowsPanel() {
  const editor = useEditor()
  const { language } = useI18n()
  const catalog = useTemplateCatalog()
  const sectorSelectId = useId()
  const [sector, setSector] = useState('')
  // The template frame around the selection, if it is one.
  const frame = useValue(
    'selected template frame',
    () => {
      const shape = editor.getOnlySelectedShape()
      if (!shape) return null
      const candidate = shape.type === 'frame' ? shape : editor.findShapeAncestor(shape, (p) => p.type === 'frame')
      const template = candidate?.meta.template
      if (!candidate || typeof template !== 'string') return null
      const laidOutIn = candidate.meta.language
      return { id: candidate.id as TLShapeId, template, language: typeof laidOutIn === 'string' ? laidOutIn : null }
    },
    [editor],
  )
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (!frame || readonly || catalog.kind !== 'ready') return null
  const template = catalog.catalog.templates.find((t) => t.definition.id === frame.template)
  const grid = template?.definition.elements.find(
    (element): element is TemplateGrid => element.kind === 'grid' && element.rowKinds.length > 0,
  )
  if (!template || !grid) return null
  const frameLanguage = frame.language && isLanguageCode(frame.language) ? frame.language : language.code
  const strings = template.strings[language.code]
  const sectors = catalog.catalog.sectors
  return (
    <section className="cg-panel cg-grid-rows" aria-label={strings.name} dir={language.dir}>
      {grid.rowKinds.map((rowKind) => (
        <div key={rowKind.kind} className="cg-grid-row-action">
          {rowKind.pickSector && (
            <>
              <label htmlFor={sectorSelectId} className="cg-visually-hidden">
                {strings[rowKind.action]}
              </label>
              <SectorSelect id={sectorSelectId} sectors={sectors} value={sector} onChange={setSector} />
            </>
          )}
          <button
            type="button"
            disabled={rowKind.pickSector && !sector}
            onClick={() =>
              addGridRow(editor, template, frame.id, {
                gridId: grid.id,
                kind: rowKind.kind,
                // New rows speak the language the template was laid out in, so one grid never mixes two.
                language: frameLanguage,
                sectors,
                ...(rowKind.pickSector ? { sector } : {}),
              })
            }
          >
            {strings[rowKind.action]}
          </button>
        </div>
      ))}
      {template.definition.id === LOGFRAME_TEMPLATE_ID && (
        // The file is for the person asking for it: in their language, whoever laid the grid out.
        <LogframeExport frameId={frame.id} template={template} sectors={sectors} language={language.code} />
      )}
    </section>
  )
}
