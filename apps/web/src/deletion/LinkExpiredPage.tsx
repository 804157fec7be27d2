import { useEffect, useState } from 'react'
import { fetchBoard } from '../shared/api.ts'
import { MessagePage } from '../shared/MessagePage.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { deletionDate } from './deletionTime.ts'
import { forgetBoard } from './forgetBoard.ts'

/**
 * The board page of a link past the expiry date its facilitator set: it will not work again, so this device forgets
 * everything it keeps of the workshop (see forgetBoard.ts), says when that is done, and who can give a new link. When
 * the page does not know the date (a closed socket, a date set after the board was opened), it asks the server.
 * Part of the first visit's code, like DeletedBoardPage, which it shares its words and its forgetting with.
 */
export function LinkExpiredPage(props: {
  boardId: string
  token: string
  /** When the link stopped working, where this device knew it (ISO 8601); null when it did not. */
  expiredAt: string | null
}) {
  const { boardId, token } = props
  const { t, language } = useI18n()
  const [forgotten, setForgotten] = useState(false)
  const [expiredAt, setExpiredAt] = useState(props.expiredAt)

  useEffect(() => {
    if (props.expiredAt) return
    let current = true
    void fetchBoard(boardId, token).then((answer) => {
      if (current && !answer.ok && answer.expiredAt) setExpiredAt(answer.expiredAt)
    })
    return () => {
      current = false
    }
  }, [boardId, token, props.expiredAt])

  useEffect(() => {
    let current = true
    setForgotten(false)
    void forgetBoard(boardId, 'link-expired', token).then(() => current && setForgotten(true))
    return () => {
      current = false
    }
  }, [boardId, token])

  useEffect(() => {
    document.title = `${t('linkExpired')} · ${t('appName')}`
  }, [t])

  return (
    <MessagePage title={t('linkExpired')}>
      <p>
        {expiredAt
          ? t('linkExpiredOn').replace('{date}', deletionDate(expiredAt, language.code))
          : t('linkExpiredUnknownDate')}{' '}
        {t('linkExpiredHelp')}
      </p>
      <p role="status" className="cg-copy-removed">
        {t(forgotten ? 'deviceCopyRemoved' : 'deviceCopyRemoving')}
      </p>
      <p>
        <a href="/">{t('backHome')}</a>
      </p>
    </MessagePage>
  )
}
