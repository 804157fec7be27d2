import { useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'

/** The facilitator's message to every room, until this person dismisses it, in the workshop bar. */
export function BroadcastNotice() {
  const { t } = useI18n()
  const broadcast = useWorkshopField('broadcast')
  const [dismissed, setDismissed] = useState(0)
  if (!broadcast || broadcast.seq <= dismissed) return null
  return (
    <div className="cg-broadcast" role="alert">
      <strong>{t('fromFacilitator')}</strong> <bdi>{broadcast.text}</bdi>{' '}
      <button type="button" aria-label={t('dismiss')} onClick={() => setDismissed(broadcast.seq)}>
        ✕
      </button>
    </div>
  )
}
