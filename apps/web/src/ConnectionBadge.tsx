import { useId } from 'react'
import type { ConnectionStatus } from './board/connectionStatus.ts'
import { useI18n } from './i18n/I18nProvider.tsx'
import type { MessageKey } from './i18n/messages.ts'

const LABELS: Record<ConnectionStatus, MessageKey> = {
  connected: 'statusConnected',
  connecting: 'statusConnecting',
  loading: 'loadingBoard',
  reconnecting: 'statusReconnecting',
  offline: 'statusOffline',
  'not-sending': 'statusNotSending',
}

/**
 * Always-visible link state; a live region so screen readers announce drops and recoveries. While the link is
 * down, a visible line says that edits are kept, so nobody stops working for fear of losing them.
 */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n()
  const hintId = useId()
  const down = status === 'offline' || status === 'reconnecting' || status === 'not-sending'
  const hint = status === 'not-sending' ? 'notSendingHint' : 'offlineHint'
  return (
    <div className="cg-connection-wrap">
      <div
        role="status"
        aria-live="polite"
        aria-describedby={down ? hintId : undefined}
        className={`cg-connection cg-connection-${status}`}
        data-status={status}
      >
        <span className="cg-connection-dot" aria-hidden="true" />
        {t(LABELS[status])}
      </div>
      {down && (
        <p id={hintId} className="cg-connection-hint">
          {t(hint)}
        </p>
      )}
    </div>
  )
}
