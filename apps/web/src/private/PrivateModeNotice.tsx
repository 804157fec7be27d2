import { useI18n } from '../i18n/I18nProvider.tsx'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/** That private mode is on, or that this person's private room could not be had, in the workshop bar. */
export function PrivateModeNotice() {
  const { t } = useI18n()
  const { role, privateRoomFull } = useWorkshop()
  const privateMode = useWorkshopField('privateMode')
  return (
    <>
      {privateMode.on && (
        <div className="cg-private-notice" role="status" data-testid="private-mode-notice">
          {role === 'editor' ? t('privateModeParticipant') : t('privateModeOn')}
        </div>
      )}
      {privateRoomFull && (
        <div className="cg-private-full" role="status" data-testid="private-rooms-full">
          {t(role === 'facilitator' ? 'privateRoomsFullFacilitator' : 'privateRoomsFull')}
        </div>
      )}
    </>
  )
}
