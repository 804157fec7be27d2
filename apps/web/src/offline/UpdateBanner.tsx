import { useI18n } from '../i18n/I18nProvider.tsx'
import { useAppUpdate } from './appUpdates.ts'

/** "A new version is ready": a row of its own above the page (never over the canvas), with the reload button. */
export function UpdateBanner() {
  const { t } = useI18n()
  const { waiting, apply } = useAppUpdate()
  if (!waiting) return null
  return (
    <div role="status" className="cg-banner cg-update-banner">
      {t('updateReady')}{' '}
      <button type="button" onClick={apply}>
        {t('updateReload')}
      </button>
    </div>
  )
}
