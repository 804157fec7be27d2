import type { ConnectionStatus } from './connectionStatus.ts'
import { useI18n } from './i18n/I18nProvider.tsx'
import type { MessageKey } from './i18n/messages.ts'

const LABELS: Record<ConnectionStatus, MessageKey> = {
  connected: 'statusConnected',
  connecting: 'statusConnecting',
  reconnecting: 'statusReconnecting',
  offline: 'statusOffline',
}

/** Always-visible link state; a live region so screen readers announce drops and recoveries. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n()
  return (
    <div
      role="status"
      aria-live="polite"
      className={`cg-connection cg-connection-${status}`}
      title={status === 'connected' ? undefined : t('offlineHint')}
      data-status={status}
    >
      <span className="cg-connection-dot" aria-hidden="true" />
      {t(LABELS[status])}
    </div>
  )
}
