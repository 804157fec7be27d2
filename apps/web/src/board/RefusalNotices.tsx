import { useEffect } from 'react'
import { useToasts } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { BoardConnection } from './BoardConnection.ts'
import { REFUSAL_MESSAGES } from './refusalMessages.ts'

/**
 * Tells the person, in their language, when the server took one of their changes back and why (the board
 * itself has already gone back to its real state). One notice per reason at a time: a drag over locked scaffold
 * sends many refusals.
 */
export function RefusalNotices({ connection }: { connection: BoardConnection }) {
  const { addToast } = useToasts()
  const { t } = useI18n()
  useEffect(
    () =>
      connection.subscribe({
        refused: (reason) => {
          const id = `cg-refused-${reason}`
          addToast({ id, title: t('refusedTitle'), description: t(REFUSAL_MESSAGES[reason]), severity: 'warning' })
        },
      }),
    [connection, addToast, t],
  )
  return null
}
