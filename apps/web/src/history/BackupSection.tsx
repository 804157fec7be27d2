import { useState } from 'react'
import { downloadBackup } from '../shared/api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { saveFile } from '../shared/saveFile.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** Saves the whole workshop (plenary, breakouts, votes, files) as one file the facilitator keeps. */
export function BackupSection() {
  const { t } = useI18n()
  const { board, token } = useWorkshop()
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle')
  if (board.parentId) return null

  async function download() {
    setState('busy')
    const result = await downloadBackup(board.id, token)
    if (!result.ok) return setState('failed')
    saveFile(result.value.blob, result.value.fileName)
    setState('idle')
  }

  return (
    <PanelSection title={t('backup')}>
      <p className="cg-muted">{t('backupHelp')}</p>
      <button type="button" disabled={state === 'busy'} onClick={() => void download()}>
        {state === 'busy' ? t('preparingBackup') : t('downloadBackup')}
      </button>
      {state === 'failed' && (
        <p role="alert" className="cg-error">
          {t('backupFailed')}
        </p>
      )}
    </PanelSection>
  )
}
