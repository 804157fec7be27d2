import { useId } from 'react'
import { ConnectionBadge } from '../board/ConnectionBadge.tsx'
import type { ConnectionStatus } from '../board/connectionStatus.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx'

/** The outline's top bar: the board's name, the way back to the board (Alt+Shift+O), the connection, the language. */
export function OutlineHeader(props: { title: string; boardHref: string; status: ConnectionStatus }) {
  const { t } = useI18n()
  const hintId = useId()
  const [before = '', after = ''] = t('outlineHeading').split('{board}')
  return (
    <header className="cg-outline-header">
      <h1>
        {before}
        <bdi>{props.title}</bdi>
        {after}
      </h1>
      <a className="cg-outline-back" href={props.boardHref} aria-describedby={hintId} title={t('backToBoardHint')}>
        {t('backToBoard')}
      </a>
      <span id={hintId} hidden>
        {t('backToBoardHint')}
      </span>
      <ConnectionBadge status={props.status} />
      <LanguageSwitcher className="cg-outline-language" />
    </header>
  )
}
