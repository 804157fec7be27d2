import { useId } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useTemplateCatalog } from '../templates/useTemplateCatalog.ts'
import { swatchColor } from '../tldrawColors.ts'
import { $sectorLens } from './sectorLens.ts'
import { tagSelection } from './tagSelection.ts'

/**
 * The sector legend, which is also the lens (press a sector to fade everything else, again to see all),
 * and, while something is selected, a control to tag the selection with a sector.
 */
export function SectorPanel() {
  const editor = useEditor()
  const { t, language } = useI18n()
  const catalog = useTemplateCatalog()
  const tagId = useId()
  const lens = useValue('sector lens', () => $sectorLens.get(), [])
  const selectedCount = useValue('selection', () => editor.getSelectedShapeIds().length, [editor])
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (catalog.kind !== 'ready') return null
  const sectors = catalog.catalog.sectors
  return (
    <section className="cg-panel cg-sector-panel" aria-label={t('sectors')} dir={language.dir}>
      {/* Folds away when it covers the work; open by default so the legend is there from the start. */}
      <details open>
        <summary>{t('sectors')}</summary>
        <ul>
          {sectors.map((sector) => (
            <li key={sector.id}>
              <button
                type="button"
                aria-pressed={lens === sector.id}
                title={t('lensHint')}
                onClick={() => $sectorLens.set(lens === sector.id ? null : sector.id)}
              >
                <span className="cg-swatch" style={{ background: swatchColor(sector.color) }} aria-hidden="true" />
                {sector.names[language.code]}
              </button>
            </li>
          ))}
        </ul>
        {lens !== null && (
          <button type="button" className="cg-lens-off" onClick={() => $sectorLens.set(null)}>
            {t('lensAll')}
          </button>
        )}
        {selectedCount > 0 && !readonly && (
          <div className="cg-tag">
            <label htmlFor={tagId}>{t('tagSelection')}</label>
            <select
              id={tagId}
              value=""
              onChange={(event) => {
                const value = event.target.value
                if (!value) return
                tagSelection(editor, sectors.find((sector) => sector.id === value) ?? null)
              }}
            >
              <option value="" disabled>
                {t('chooseSector')}
              </option>
              {sectors.map((sector) => (
                <option key={sector.id} value={sector.id}>
                  {sector.names[language.code]}
                </option>
              ))}
              <option value="none">{t('noSector')}</option>
            </select>
          </div>
        )}
      </details>
    </section>
  )
}
