import { useCallback, useEffect, useRef, useState } from 'react'
import type { AuditEntryView } from '@cg/contract'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { downloadAuditLog, fetchAuditLog, fetchBreakouts } from '../shared/api.ts'
import { PanelSection } from '../shared/PanelSection.tsx'
import { saveFile } from '../shared/saveFile.ts'
import { entryLine } from './auditEntries.ts'
import './audit.css'

type LoadState = 'loading' | 'idle' | 'failed'

/**
 * The workshop's audit log for its facilitator (plenary only: the log is the workshop's): who joined with which
 * link, exports and backups, links replaced or expired, versions, reveals, votes, deletions. Newest first, a page
 * at a time ("Show older"), and the whole of it as a CSV file. Loaded with the panel: participants never get it.
 */
export function ActivitySection() {
  const { t, language } = useI18n()
  const { board, token } = useWorkshop()
  const [entries, setEntries] = useState<AuditEntryView[]>([])
  const [older, setOlder] = useState<string | null>(null)
  const [state, setState] = useState<LoadState>('loading')
  const [breakoutTitles, setBreakoutTitles] = useState<ReadonlyMap<string, string>>(new Map())
  const [csv, setCsv] = useState<'idle' | 'busy' | 'failed'>('idle')
  // After "Show older", focus goes to the first entry it brought, where a keyboard user reads on.
  const firstOlder = useRef<number | null>(null)
  const list = useRef<HTMLOListElement>(null)

  const load = useCallback(
    async (before: string | null) => {
      setState('loading')
      const page = await fetchAuditLog(board.id, token, before ?? undefined)
      if (!page.ok) return setState('failed')
      setEntries((shown) => {
        firstOlder.current = before ? shown.length : null
        return before ? [...shown, ...page.value.entries] : page.value.entries
      })
      setOlder(page.value.before)
      setState('idle')
    },
    [board.id, token],
  )

  useEffect(() => {
    if (board.parentId) return
    void load(null)
    let current = true
    void fetchBreakouts(board.id, token).then((answer) => {
      if (current && answer.ok) setBreakoutTitles(new Map(answer.value.boards.map((b) => [b.id, b.title])))
    })
    return () => {
      current = false
    }
  }, [board.id, board.parentId, token, load])

  useEffect(() => {
    if (firstOlder.current === null) return
    list.current?.querySelectorAll<HTMLElement>('li')[firstOlder.current]?.focus()
    firstOlder.current = null
  }, [entries])

  if (board.parentId) return null

  async function download() {
    setCsv('busy')
    const file = await downloadAuditLog(board.id, token)
    if (!file.ok) return setCsv('failed')
    saveFile(file.value.blob, file.value.fileName)
    setCsv('idle')
  }

  const context = { plenaryId: board.id, breakoutTitles, language: language.code, t }
  return (
    <PanelSection title={t('activity')} className="cg-activity">
      <p className="cg-muted">{t('activityHelp')}</p>
      <div className="cg-activity-actions">
        <button type="button" disabled={state === 'loading'} onClick={() => void load(null)}>
          {t('activityRefresh')}
        </button>
        <button type="button" disabled={csv === 'busy'} onClick={() => void download()}>
          {csv === 'busy' ? t('activityPreparingCsv') : t('activityDownloadCsv')}
        </button>
      </div>
      {csv === 'failed' && (
        <p role="alert" className="cg-error">
          {t('activityCsvFailed')}
        </p>
      )}
      {entries.length > 0 ? (
        <ol ref={list} className="cg-activity-list" aria-label={t('activity')}>
          {entries.map((entry, index) => {
            const line = entryLine(entry, context)
            return (
              <li key={`${entry.at}-${index}`} tabIndex={-1}>
                <time dateTime={entry.at}>{line.when}</time>
                <span className="cg-activity-what">
                  {line.what}
                  {line.detail && (
                    <>
                      {': '}
                      <bdi>{line.detail}</bdi>
                    </>
                  )}
                </span>
                <span className="cg-activity-who">
                  {line.role ? (
                    <WhoAndRole name={line.who ?? t('auditNoName')} role={line.role} />
                  ) : (
                    <bdi>{line.who ?? t('auditAutomatic')}</bdi>
                  )}
                </span>
                <span className="cg-activity-board">{line.board}</span>
              </li>
            )
          })}
        </ol>
      ) : (
        state === 'idle' && <p>{t('activityEmpty')}</p>
      )}
      <p role="status" className="cg-muted">
        {state === 'loading' ? t('activityLoading') : ''}
      </p>
      {state === 'failed' && (
        <p role="alert" className="cg-error">
          {t('activityFailed')}
        </p>
      )}
      {older && state !== 'loading' && (
        <button type="button" onClick={() => void load(older)}>
          {t('activityShowOlder')}
        </button>
      )}
    </PanelSection>
  )
}

/** "Maryam, Participant" as the reader's language puts a name and a role together (the name isolated: it may be in another script). */
function WhoAndRole({ name, role }: { name: string; role: string }) {
  const { t } = useI18n()
  const [before, after] = t('auditWhoRole').split('{name}') as [string, string | undefined]
  return (
    <>
      {before.replace('{role}', role)}
      <bdi>{name}</bdi>
      {(after ?? '').replace('{role}', role)}
    </>
  )
}
