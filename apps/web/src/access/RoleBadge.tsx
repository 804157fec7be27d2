import type { BoardRole } from '@cg/contract'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'

export const ROLE_LABELS: Record<BoardRole, MessageKey> = {
  facilitator: 'roleFacilitator',
  editor: 'roleEditor',
  viewer: 'roleViewer',
}

/** Says which role this link gives, so a viewer knows why nothing can be changed. */
export function RoleBadge({ role }: { role: BoardRole }) {
  const { t } = useI18n()
  return (
    <span
      className={`cg-role cg-role-${role}`}
      data-role={role}
      title={role === 'viewer' ? t('viewOnlyNotice') : undefined}
    >
      {/* Short on screen (the top bar is crowded); the whole sentence for screen readers. */}
      <span className="cg-visually-hidden">{t('youAre').replace('{role}', '')}</span>
      {t(ROLE_LABELS[role])}
    </span>
  )
}
