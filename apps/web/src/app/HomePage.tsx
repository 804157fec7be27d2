import { useEffect, useId, useState, type FormEvent } from 'react'
import { ApiErrorCode } from '@cg/contract'
import { createBoard } from '../shared/api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx'
import { boardsAvailableOffline, UpdateBanner } from '../offline/index.ts'
import { listRecentBoards, rememberRecentBoard } from '../shared/recentBoards.ts'
import { RestoreBackup } from '../history/index.ts'

export function HomePage() {
  const { t, language } = useI18n()
  const titleId = useId()
  const errorId = useId()
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState<MessageKey | null>(null)
  const [recent] = useState(listRecentBoards)
  const [offline, setOffline] = useState<ReadonlySet<string>>(new Set())
  useEffect(() => {
    let current = true
    void boardsAvailableOffline(recent.map((board) => board.id)).then((ids) => current && setOffline(ids))
    return () => {
      current = false
    }
  }, [recent])
  const dateFormat = new Intl.DateTimeFormat(language.code, { dateStyle: 'medium', timeStyle: 'short' })

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (!title.trim() || busy) return
    setBusy(true)
    setFailed(null)
    const result = await createBoard(title.trim())
    if (!result.ok) {
      setBusy(false)
      setFailed(result.code === ApiErrorCode.tooManyRequests ? 'tooManyNewBoards' : 'createFailed')
      return
    }
    // The creator runs the workshop: they open the board as its facilitator.
    const link = result.value.links?.facilitator
    if (!link) {
      setBusy(false)
      setFailed('createFailed')
      return
    }
    rememberRecentBoard({ id: result.value.id, title: result.value.title, link, role: 'facilitator' })
    window.location.assign(link)
  }

  return (
    <div className="cg-page">
      <UpdateBanner />
      <header className="cg-header">
        <h1>{t('appName')}</h1>
        <LanguageSwitcher />
      </header>
      <main className="cg-main">
        <p className="cg-tagline">{t('tagline')}</p>
        <section aria-labelledby={`${titleId}-heading`} className="cg-card">
          <h2 id={`${titleId}-heading`}>{t('newBoardHeading')}</h2>
          <form onSubmit={onSubmit} className="cg-form">
            <label htmlFor={titleId}>{t('boardTitleLabel')}</label>
            <input
              id={titleId}
              name="title"
              value={title}
              maxLength={200}
              required
              autoFocus
              placeholder={t('boardTitlePlaceholder')}
              aria-describedby={failed ? errorId : undefined}
              onChange={(event) => setTitle(event.target.value)}
            />
            <button type="submit" disabled={busy || !title.trim()}>
              {busy ? t('creatingBoard') : t('createBoard')}
            </button>
            {failed && (
              <p id={errorId} role="alert" className="cg-error">
                {t(failed)}
              </p>
            )}
          </form>
        </section>
        <RestoreBackup />
        <section aria-labelledby={`${titleId}-recent`} className="cg-card">
          <h2 id={`${titleId}-recent`}>{t('recentBoards')}</h2>
          {recent.length === 0 ? (
            <p className="cg-muted">{t('noRecentBoards')}</p>
          ) : (
            <ul className="cg-recent">
              {recent.map((board) => (
                <li key={board.id}>
                  <a href={board.link}>
                    <bdi>{board.title}</bdi>
                  </a>{' '}
                  <time className="cg-muted" dateTime={new Date(board.openedAt).toISOString()}>
                    {dateFormat.format(board.openedAt)}
                  </time>
                  {offline.has(board.id) && <span className="cg-offline-tag">{t('availableOffline')}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  )
}
