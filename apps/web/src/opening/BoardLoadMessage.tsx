import { CloseReason } from '@cg/contract'
import { DeletedBoardPage, LinkExpiredPage } from '../deletion/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { MessagePage } from '../shared/MessagePage.tsx'
import type { BoardLoad } from './useBoardLoad.ts'

/** What a board's page says while the board is not open: loading, not found, deleted, link refused, failed. */
export function BoardLoadMessage({ boardId, load }: { boardId: string; load: BoardLoad }) {
  const { t } = useI18n()
  const { state, token, reopen } = load
  switch (state.kind) {
    case 'loading':
    case 'ready':
      return <MessagePage title={t('loadingBoard')} busy />
    case 'not-found':
      return (
        <MessagePage title={t('boardNotFound')}>
          <p>{t('boardNotFoundHelp')}</p>
          <p>
            <a href="/">{t('backHome')}</a>
          </p>
        </MessagePage>
      )
    case 'gone':
      return <DeletedBoardPage boardId={boardId} token={token} deletion={state.deletion} onReopen={reopen} />
    case 'refused':
      if (state.reason === CloseReason.linkExpired) {
        return <LinkExpiredPage boardId={boardId} token={token} expiredAt={state.expiredAt ?? null} />
      }
      return (
        <MessagePage title={t(state.reason === CloseReason.linkRotated ? 'linkRotated' : 'invalidLink')}>
          <p>{t(state.reason === CloseReason.linkRotated ? 'linkRotatedHelp' : 'invalidLinkHelp')}</p>
          <p>
            <a href="/">{t('backHome')}</a>
          </p>
        </MessagePage>
      )
    case 'failed':
      return (
        <MessagePage title={t('loadFailed')}>
          <p>
            <button type="button" onClick={reopen}>
              {t('retry')}
            </button>
          </p>
        </MessagePage>
      )
  }
}
