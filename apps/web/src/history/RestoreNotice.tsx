import { useEffect, useRef } from 'react'
import { useToasts } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { versionTime } from './versionTime.ts'

/** Tells everyone on a board, in their language, when the facilitator set it back to an earlier version. */
export function RestoreNotice() {
  const { board } = useWorkshop()
  const restored = useWorkshopField('restored')
  const { addToast } = useToasts()
  const { t, language } = useI18n()
  // A restore made before this page opened is old news.
  const seen = useRef(restored?.seq ?? 0)
  useEffect(() => {
    if (!restored || restored.seq <= seen.current) return
    seen.current = restored.seq
    if (restored.boardId !== board.id) return
    addToast({
      id: 'cg-restored',
      title: t('versionRestoredNotice').replace('{time}', versionTime(restored.versionAt, language.code)),
      severity: 'info',
    })
  }, [restored, board.id, addToast, t, language.code])
  return null
}
