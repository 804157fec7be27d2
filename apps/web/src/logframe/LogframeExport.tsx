import { useState } from 'react'
import { useEditor, type TLShapeId } from 'tldraw'
import type { Sector, Template } from '@cg/templates'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { downloadLogframe, readLogframe } from './logframeFiles.ts'
import type { LanguageCode } from '@cg/contract'

/** Export buttons for a selected logframe frame: the donor layout as Excel or CSV, in the language of the person exporting. */
export function LogframeExport(props: {
  frameId: TLShapeId
  template: Template
  sectors: Sector[]
  language: LanguageCode
}) {
  const { t } = useI18n()
  const editor = useEditor()
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle')

  async function exportAs(format: 'xlsx' | 'csv') {
    setState('busy')
    try {
      const logframe = await readLogframe(editor, props.frameId, props.template, props.language)
      await downloadLogframe(logframe, format, props.language, props.sectors)
      setState('idle')
    } catch (error) {
      console.error('Could not export the logframe', error)
      setState('failed')
    }
  }

  return (
    <div className="cg-grid-row-action" role="group" aria-label={t('exportLogframe')}>
      <span>{t('exportLogframe')}</span>
      <button type="button" disabled={state === 'busy'} onClick={() => void exportAs('xlsx')}>
        {t('exportXlsx')}
      </button>
      <button type="button" disabled={state === 'busy'} onClick={() => void exportAs('csv')}>
        {t('exportCsv')}
      </button>
      {state === 'failed' && (
        <span role="alert" className="cg-error">
          {t('exportFailed')}
        </span>
      )}
    </div>
  )
}
