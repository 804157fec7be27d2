import { useCallback, useEffect, useId, useState } from 'react'
import { PageRoutes, VersionReason, type VersionView } from '@cg/contract'
import { fetchVersions, restoreVersion, saveVersion } from '../shared/api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'
import { versionTime } from './versionTime.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** A version's read-only page; the secret travels in the fragment, as in every board link. */
const versionLink = (boardId: string, versionId: string, token: string) =>
  `${PageRoutes.version.path({ id: boardId, versionId })}#token=${token}`

const REASONS: Record<VersionReason, MessageKey> = {
  [VersionReason.interval]: 'reasonInterval',
  [VersionReason.unload]: 'reasonUnload',
  [VersionReason.beforeRestore]: 'reasonBeforeRestore',
  [VersionReason.beforeBringBack]: 'reasonBeforeBringBack',
  [VersionReason.beforeLargeDeletion]: 'reasonBeforeLargeDeletion',
  [VersionReason.named]: 'saveVersion',
}

/** Versions the server kept of this board: save one now, look at one, set the board back to one. */
export function HistorySection() {
  const { t, language } = useI18n()
  const { board, token } = useWorkshop()
  const nameId = useId()
  const [versions, setVersions] = useState<VersionView[] | 'loading' | 'failed'>('loading')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState<'saving' | string | null>(null)
  const [status, setStatus] = useState<{ kind: 'saved' | 'failed'; message: MessageKey } | null>(null)

  const load = useCallback(async () => {
    const result = await fetchVersions(board.id, token)
    setVersions(result.ok ? result.value.versions : 'failed')
  }, [board.id, token])
  useEffect(() => {
    void load()
  }, [load])

  async function save() {
    if (!name.trim()) return
    setBusy('saving')
    const result = await saveVersion(board.id, token, { name: name.trim() })
    setBusy(null)
    setStatus(result.ok ? { kind: 'saved', message: 'versionSaved' } : { kind: 'failed', message: 'historyFailed' })
    if (result.ok) setName('')
    await load()
  }

  async function restore(version: VersionView) {
    const time = versionTime(version.createdAt, language.code)
    if (!window.confirm(t('restoreVersionConfirm').replace('{time}', time))) return
    setBusy(version.id)
    const result = await restoreVersion(board.id, version.id, token)
    setBusy(null)
    setStatus(result.ok ? null : { kind: 'failed', message: 'restoreVersionFailed' })
    await load()
  }

  return (
    <PanelSection title={t('history')} className="cg-history">
      <p className="cg-muted">{t('historyHelp')}</p>
      <form
        className="cg-history-save"
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <label htmlFor={nameId}>{t('versionName')}</label>
        <input
          id={nameId}
          value={name}
          maxLength={200}
          placeholder={t('versionNamePlaceholder')}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={busy !== null || !name.trim()}>
          {busy === 'saving' ? t('savingVersion') : t('saveVersion')}
        </button>
      </form>
      {status && (
        <p role={status.kind === 'failed' ? 'alert' : 'status'} className={status.kind === 'failed' ? 'cg-error' : ''}>
          {t(status.message)}
        </p>
      )}
      {versions === 'loading' && <p className="cg-muted">{t('historyLoading')}</p>}
      {versions === 'failed' && (
        <p role="alert" className="cg-error">
          {t('historyFailed')}
        </p>
      )}
      {Array.isArray(versions) && versions.length === 0 && <p className="cg-muted">{t('historyEmpty')}</p>}
      {Array.isArray(versions) && versions.length > 0 && (
        <ol className="cg-history-list" data-testid="history-list">
          {versions.map((version) => {
            const time = versionTime(version.createdAt, language.code)
            return (
              <li key={version.id} data-reason={version.reason}>
                <span className="cg-history-what">
                  <time dateTime={version.createdAt}>{time}</time>{' '}
                  <bdi>{version.name ?? t(REASONS[version.reason])}</bdi>
                  <span className="cg-muted">
                    {' · '}
                    {plural(language.code, 'versionShapes', version.shapes)}
                  </span>
                </span>
                <span className="cg-history-actions">
                  <button
                    type="button"
                    aria-label={t('previewVersionNamed').replace('{time}', time)}
                    onClick={() => window.open(versionLink(board.id, version.id, token), '_blank', 'noopener')}
                  >
                    {t('previewVersion')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('restoreVersionNamed').replace('{time}', time)}
                    disabled={busy !== null}
                    onClick={() => void restore(version)}
                  >
                    {busy === version.id ? t('restoringVersion') : t('restoreVersion')}
                  </button>
                </span>
              </li>
            )
          })}
        </ol>
      )}
      <button type="button" onClick={() => void load()}>
        {t('refreshHistory')}
      </button>
    </PanelSection>
  )
}
