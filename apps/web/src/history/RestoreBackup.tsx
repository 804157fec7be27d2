import { useEffect, useId, useRef, useState } from 'react'
import { ApiErrorCode } from '@cg/contract'
import { restoreBackup, type ApiFailureCode } from '../shared/api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { rememberRecentBoard } from '../shared/recentBoards.ts'

const REFUSALS: Partial<Record<ApiFailureCode, MessageKey>> = {
  [ApiErrorCode.backupNotRecognized]: 'backupNotRecognized',
  [ApiErrorCode.backupNewerVersion]: 'backupNewerVersion',
  [ApiErrorCode.backupDamaged]: 'backupDamaged',
  [ApiErrorCode.backupTooComplex]: 'backupTooComplex',
  [ApiErrorCode.requestTooSlow]: 'restoreTooSlow',
  [ApiErrorCode.payloadTooLarge]: 'backupTooLarge',
  [ApiErrorCode.boardFilesFull]: 'backupFilesTooLarge',
  [ApiErrorCode.tooManyRequests]: 'restoreBusy',
}

/** The home page's "restore a board from a backup": upload with progress, then open the new board. */
export function RestoreBackup() {
  const { t } = useI18n()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'failed'; message: MessageKey }
  >({ kind: 'idle' })

  // The input is disabled while a file goes up, which drops the focus: give it back after a refusal, so a
  // keyboard user can choose another file at once.
  useEffect(() => {
    if (state.kind === 'failed') input.current?.focus()
  }, [state.kind])

  async function restore(file: File) {
    setState({ kind: 'uploading', fraction: 0 })
    const result = await restoreBackup(file, (fraction) => setState({ kind: 'uploading', fraction }))
    if (!result.ok) return setState({ kind: 'failed', message: REFUSALS[result.code] ?? 'restoreFailed' })
    const link = result.value.links?.facilitator
    if (!link) return setState({ kind: 'failed', message: 'restoreFailed' })
    rememberRecentBoard({ id: result.value.id, title: result.value.title, link, role: 'facilitator' })
    window.location.assign(link)
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="cg-card">
      <h2 id={`${id}-heading`}>{t('restoreHeading')}</h2>
      <p className="cg-muted">{t('restoreHelp')}</p>
      <label htmlFor={id}>{t('chooseBackupFile')}</label>{' '}
      <input
        ref={input}
        id={id}
        type="file"
        accept=".json,application/json"
        disabled={state.kind === 'uploading'}
        onChange={(event) => {
          const file = event.target.files?.[0]
          if (file) void restore(file)
          event.target.value = ''
        }}
      />
      {state.kind === 'uploading' && (
        <p role="status">
          {t('restoring')}{' '}
          <progress max={1} value={state.fraction} aria-label={t('restoring')}>
            {Math.round(state.fraction * 100)}%
          </progress>
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="cg-error">
          {t(state.message)}
        </p>
      )}
    </section>
  )
}
