import { useI18n } from '../i18n/I18nProvider.tsx'
import { methodText, topicText } from './sessionPlan.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'

/** The agenda item running now, and the next one, in the workshop bar. */
export function CurrentItem() {
  const { t } = useI18n()
  const agenda = useWorkshopField('agenda')
  const currentItemId = useWorkshopField('currentItemId')
  const index = agenda.findIndex((item) => item.id === currentItemId)
  if (index < 0) return null
  const item = agenda[index]!
  const next = agenda[index + 1]
  const method = methodText(item, t)
  return (
    <div className="cg-current-item" data-testid="current-agenda-item">
      <span className="cg-muted">{t('nowLabel')}</span> <bdi>{topicText(item, t)}</bdi>
      {method && (
        <span className="cg-muted">
          {' · '}
          <bdi>{method}</bdi>
        </span>
      )}
      {next && (
        <span className="cg-muted cg-next-item">
          {' '}
          · {t('nextLabel')} <bdi>{topicText(next, t)}</bdi>
        </span>
      )}
    </div>
  )
}
