import { useId, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useTemplateCatalog } from '../board/shapes/useTemplateCatalog.ts'
import { swatchColor } from '../shared/tldrawColors.ts'
import { $sectorLens } from './sectorLens.ts'
import { SectorSelect } from './SectorSelect.tsx'
import { tagSelection } from './tagSelection.ts'

/**
 * The sector legend, which is also the lens (press a sector to fade everything else, again to see all),
 * and, while something is selected, a control to tag the selection with a sector. A menu of the top bar.
 */
export function SectorPanel() {
  const editor = useEditor()
  const { t, language } = useI18n()
  const catalog = useTemplateCatalog()
  const tagId = useId()
  const hintId = useId()
  const [choice, setChoice] = useState('')
  const lens = useValue('sector lens', () => $sectorLens.get(), [])
  const selectedCount = useValue('selection', () => editor.getSelectedShapeIds().length, [editor])
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (catalog.kind !== 'ready') return null
  const sectors = catalog.catalog.sectors
  return (
    // In the top bar, folded: open, it drops down over the canvas like a menu until it is folded again.
    <details
      className="cg-sector-panel"
      dir={language.dir}
      // Escape folds it, as it closes a menu, and leaves the focus on its button (not lost in what was folded).
      onKeyDown={(event) => {
        const details = event.currentTarget
        if (event.key !== 'Escape' || !details.open || event.defaultPrevented) return
        event.preventDefault()
        details.open = false
        details.querySelector('summary')?.focus()
      }}
    >
      <summary className="cg-topbar-button">{t('sectors')}</summary>
      <section className="cg-popover cg-sector-popover" aria-label={t('sectors')}>
        <p id={hintId} className="cg-muted cg-lens-hint">
          {t('lensHint')}
        </p>
        <ul>
          {sectors.map((sector) => (
            <li key={sector.id}>
              <button
                type="button"
                aria-pressed={lens === sector.id}
                aria-describedby={hintId}
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
          <form
            className="cg-tag"
            onSubmit={(event) => {
              event.preventDefault()
              if (!choice) return
              tagSelection(editor, sectors.find((sector) => sector.id === choice) ?? null)
              setChoice('')
            }}
          >
            <label htmlFor={tagId}>{t('tagSelection')}</label>
            <SectorSelect id={tagId} sectors={sectors} value={choice} onChange={setChoice} allowNone />
            <button type="submit" disabled={!choice}>
              {t('applyTag')}
            </button>
          </form>
        )}
      </section>
    </details>
  )
}
