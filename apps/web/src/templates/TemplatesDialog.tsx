import { useState } from 'react'
import { TldrawUiDialogBody, useEditor } from 'tldraw'
import type { Sector } from '@cg/templates'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { LOGFRAME_TEMPLATE_ID, LogframeImport } from '../logframe/index.ts'
import { insertTemplate } from '../board/insertTemplate.ts'
import { TemplatePreview } from './TemplatePreview.tsx'
import { useTemplateCatalog } from '../board/shapes/useTemplateCatalog.ts'
import { DialogHeader } from '../shared/DialogHeader.tsx'

/** Lists every template with a picture and a line of description; choosing one places it on the board. */
export function TemplatesDialog({ onClose }: { onClose: () => void }) {
  const editor = useEditor()
  const { t, language } = useI18n()
  const state = useTemplateCatalog()

  return (
    <>
      <DialogHeader title={t('templatesTitle')} />
      <TldrawUiDialogBody className="cg-templates-body">
        {state.kind === 'loading' && <p role="status">{t('templatesLoading')}</p>}
        {state.kind === 'failed' && (
          <div role="alert">
            <p>{t('templatesFailed')}</p>
            <button type="button" onClick={state.retry}>
              {t('retry')}
            </button>
          </div>
        )}
        {state.kind === 'ready' && (
          <ul className="cg-templates">
            {state.catalog.templates.map((template) => {
              const strings = template.strings[language.code]
              return (
                <li key={template.definition.id} className="cg-template">
                  <TemplatePreview
                    template={template}
                    mirrored={language.dir === 'rtl' && template.definition.mirrorInRtl}
                  />
                  <div className="cg-template-text">
                    <h3>{strings.name}</h3>
                    <p>{strings.description}</p>
                  </div>
                  {template.definition.perSector ? (
                    <SectorPicker
                      sectors={state.catalog.sectors}
                      insertLabel={t('insertTemplateNamed').replace('{name}', strings.name ?? '')}
                      onInsert={(chosen) => {
                        insertTemplate(editor, template, language.code, state.catalog.sectors, chosen)
                        onClose()
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      aria-label={t('insertTemplateNamed').replace('{name}', strings.name ?? '')}
                      onClick={() => {
                        insertTemplate(editor, template, language.code, state.catalog.sectors)
                        onClose()
                      }}
                    >
                      {t('insertTemplate')}
                    </button>
                  )}
                  {template.definition.id === LOGFRAME_TEMPLATE_ID && (
                    <LogframeImport template={template} sectors={state.catalog.sectors} onDone={onClose} />
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </TldrawUiDialogBody>
    </>
  )
}

/** For group work: which sector groups get a frame each. */
function SectorPicker(props: { sectors: Sector[]; insertLabel: string; onInsert: (sectors: string[]) => void }) {
  const { t, language } = useI18n()
  const [chosen, setChosen] = useState<string[]>([])
  return (
    <fieldset className="cg-sector-picker">
      <legend>{t('chooseSectors')}</legend>
      {props.sectors.map((sector) => (
        <label key={sector.id}>
          <input
            type="checkbox"
            checked={chosen.includes(sector.id)}
            onChange={(event) =>
              setChosen((now) => (event.target.checked ? [...now, sector.id] : now.filter((id) => id !== sector.id)))
            }
          />{' '}
          {sector.names[language.code]}
        </label>
      ))}
      <button
        type="button"
        aria-label={props.insertLabel}
        disabled={chosen.length === 0}
        onClick={() => props.onInsert(chosen)}
      >
        {t('insertTemplate')}
      </button>
    </fieldset>
  )
}
