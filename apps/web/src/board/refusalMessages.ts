import { RefusalReason } from '@cg/contract'
import type { MessageKey } from '../i18n/messages.ts'

/** Why the server took a change back, in words (every page that writes to a board says it the same way). */
export const REFUSAL_MESSAGES: Record<RefusalReason, MessageKey> = {
  [RefusalReason.scaffoldLocked]: 'refusedScaffoldLocked',
  [RefusalReason.invalidRecord]: 'refusedInvalidRecord',
  [RefusalReason.invalidSchema]: 'refusedInvalidSchema',
  [RefusalReason.boardTooLarge]: 'refusedBoardTooLarge',
  [RefusalReason.missingDependencies]: 'refusedMissingDependencies',
  [RefusalReason.invalidText]: 'refusedInvalidText',
  [RefusalReason.updateTooComplex]: 'refusedUpdateTooComplex',
}
