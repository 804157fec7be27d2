import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { $steppedOut, stepOut } from './AttentionEffects.tsx'

/** Who everyone follows, and stepping out of it or back in, in the workshop bar. */
export function FollowStatus() {
  const { t } = useI18n()
  const editor = useEditor()
  const { me } = useWorkshop()
  const follow = useWorkshopField('follow')
  const steppedOut = useValue($steppedOut)
  if (!follow) return null
  if (follow.leaderId === me.id) return <div className="cg-follow-status">{t('everyoneFollowsYou')}</div>
  return (
    <div className="cg-follow-status" role="status">
      {steppedOut ? (
        <button type="button" onClick={() => $steppedOut.set(false)}>
          {t('followAgain').replace('{name}', follow.leaderName)}
        </button>
      ) : (
        <>
          {t('followingName').replace('{name}', follow.leaderName)}{' '}
          <button type="button" onClick={() => stepOut(editor)}>
            {t('stepOut')}
          </button>
        </>
      )}
    </div>
  )
}
