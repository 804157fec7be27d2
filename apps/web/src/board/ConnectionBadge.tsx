import { useId } from 'react'
import type { ConnectionStatus } from './connectionStatus.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import './ConnectionBadge.css'

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
export function ConnectionBadge({
  status: link,
  opening = null,
}: {
  status: ConnectionStatus
  opening?: number | null
}) {
  const { t, language } = useI18n()
  const hintId = useId()
  // A big board is connected before all of it is on the canvas (it goes in in steps, and cannot be edited yet).
  const status: ConnectionStatus = link === 'connected' && opening !== null ? 'loading' : link
  const label =
    status === 'loading' && opening !== null
      ? t('openingBoard').replace(
          '{percent}',
          new Intl.NumberFormat(language.code, { style: 'percent' }).format(Math.min(0.99, opening)),
        )
      : t(LABELS[status])
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
        {label}
      </div>
      {down && (
        <p id={hintId} className="cg-connection-hint">
          {t(hint)}
        </p>
      )}
    </div>
  )
}
