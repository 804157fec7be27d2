import { useEffect } from 'react'
import { useToasts } from 'tldraw'
import { RefusalReason } from '@cg/contract'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import type { BoardConnection } from './BoardConnection.ts'

const MESSAGES: Record<RefusalReason, MessageKey> = {
  [RefusalReason.scaffoldLocked]: 'refusedScaffoldLocked',
  [RefusalReason.invalidRecord]: 'refusedInvalidRecord',
  [RefusalReason.invalidSchema]: 'refusedInvalidSchema',
  [RefusalReason.boardTooLarge]: 'refusedBoardTooLarge',
  [RefusalReason.missingDependencies]: 'refusedMissingDependencies',
  [RefusalReason.invalidText]: 'refusedInvalidText',
  [RefusalReason.updateTooComplex]: 'refusedUpdateTooComplex',
}

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
          addToast({ id, title: t('refusedTitle'), description: t(MESSAGES[reason]), severity: 'warning' })
        },
      }),
    [connection, addToast, t],
  )
  return null
}
