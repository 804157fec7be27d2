import { lazy, Suspense, useState } from 'react'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
import { deletionDate } from '../deletion/index.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { downloadBackup } from '../shared/api.ts'
import { saveFile } from '../shared/saveFile.ts'
import { useAddDialog } from '../shared/useAddDialog.tsx'
import { useTicker } from '../shared/useTicker.ts'
import { calendarDaysUntil, dueNotices, noticeKey } from './retentionDates.ts'
import { useRetention } from './savedRetention.ts'
import './retention.css'

// The export's own dialog and flow, loaded when asked for (as from the main menu): the notice itself stays small.
const ExportPdfDialog = lazy(() =>
  import('../export/ExportPdfDialog.tsx').then((module) => ({ default: module.ExportPdfDialog })),
)

/** Where this page remembers, for the tab's session, which dates the person hid the notice of. */
const hiddenKey = (plenaryId: string) => `cg.retentionNoticeHidden.${plenaryId}`

function readHidden(plenaryId: string): string | null {
  try {
    return sessionStorage.getItem(hiddenKey(plenaryId))
  } catch {
    return null
  }
}

/**
 * Everyone on the board, a week before: when the workshop will be deleted, and when this person's link stops working,
 * with what they can download until then (anyone the PDF; a facilitator also the backup). In a row of its own above
 * the workshop bar (the notice slot): it never covers a control, the bar or a frame heading. Hidden for the tab's
 * session by its button; new dates show it again.
 */
export function RetentionNotice() {
  const { t, language } = useI18n()
  const { board, role, token, plenaryId, serverNow } = useWorkshop()
  const retention = useRetention(board)
  const addDialog = useAddDialog()
  // The week starts while a board stays open: looked at again every minute.
  useTicker(true, 60_000)
  const now = serverNow()
  const due = dueNotices(retention, role, now)
  const [hidden, setHidden] = useState(() => readHidden(plenaryId))
  const [backup, setBackup] = useState<'idle' | 'busy' | 'failed'>('idle')
  if ((!due.deletesOn && !due.linkStopsOn) || hidden === noticeKey(due)) return null

  const when = (iso: string) => {
    const days = calendarDaysUntil(iso, now)
    const left = days === 0 ? t('retentionToday') : plural(language.code, 'daysLeft', days)
    return t('retentionWhen').replace('{date}', deletionDate(iso, language.code)).replace('{left}', left)
  }
  const hide = () => {
    const key = noticeKey(due)
    try {
      sessionStorage.setItem(hiddenKey(plenaryId), key)
    } catch {
      // Storage blocked: hidden until the page reloads.
    }
    setHidden(key)
  }
  const openPdf = () =>
    addDialog(({ onClose }) => (
      <Suspense fallback={null}>
        <ExportPdfDialog boardId={board.id} token={token} role={role} onClose={onClose} />
      </Suspense>
    ))
  async function saveBackup() {
    setBackup('busy')
    const result = await downloadBackup(plenaryId, token)
    if (!result.ok) return setBackup('failed')
    saveFile(result.value.blob, result.value.fileName)
    setBackup('idle')
  }
  const facilitating = role === 'facilitator' && due.deletesOn !== null

  return (
    <InChromeSlot slot="notice">
      <section className="cg-retention-notice" aria-label={t('retentionNotice')} dir={language.dir}>
        <div className="cg-retention-text">
          {due.deletesOn && <p>{t('workshopDeletedSoon').replace('{date}', when(due.deletesOn))}</p>}
          {due.linkStopsOn && <p>{t('linkStopsSoon').replace('{date}', when(due.linkStopsOn))}</p>}
          <p className="cg-muted">{t(facilitating ? 'retentionDownloadBoth' : 'retentionDownloadPdf')}</p>
          {backup === 'failed' && (
            <p role="alert" className="cg-error">
              {t('backupFailed')}
            </p>
          )}
        </div>
        <div className="cg-retention-actions">
          <button type="button" aria-haspopup="dialog" onClick={openPdf}>
            {t('downloadPdf')}
          </button>
          {facilitating && (
            <button type="button" disabled={backup === 'busy'} onClick={() => void saveBackup()}>
              {backup === 'busy' ? t('preparingBackup') : t('downloadBackup')}
            </button>
          )}
          <button type="button" className="cg-retention-hide" onClick={hide}>
            {t('hideNotice')}
          </button>
        </div>
      </section>
    </InChromeSlot>
  )
}
