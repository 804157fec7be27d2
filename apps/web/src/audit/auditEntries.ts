/**
 * How an entry of the workshop's audit log reads in the facilitator's panel, in their language (pure: the section
 * renders it). The server says what happened in a few machine words (`kind`, `detail`); the reader sees a sentence.
 */
import { AuditKind, type AuditEntryView, type BoardRole, type LanguageCode } from '@cg/contract'
import type { MessageKey } from '../i18n/messages.ts'

/** What happened, for each kind of entry. */
export const AUDIT_KIND_MESSAGES: Record<AuditKind, MessageKey> = {
  [AuditKind.joined]: 'auditJoined',
  [AuditKind.linksReplaced]: 'auditLinksReplaced',
  [AuditKind.linksExpired]: 'auditLinksExpired',
  [AuditKind.retentionSet]: 'auditRetentionSet',
  [AuditKind.exported]: 'auditExported',
  [AuditKind.backupDownloaded]: 'auditBackupDownloaded',
  [AuditKind.backupRestored]: 'auditBackupRestored',
  [AuditKind.versionSaved]: 'auditVersionSaved',
  [AuditKind.versionRestored]: 'auditVersionRestored',
  [AuditKind.draftsRevealed]: 'auditDraftsRevealed',
  [AuditKind.voteEnded]: 'auditVoteEnded',
  [AuditKind.deletionScheduled]: 'auditDeletionScheduled',
  [AuditKind.deletionUndone]: 'auditDeletionUndone',
}

/** Why a workshop went to the trash (the `detail` of a deletion entry). */
const DELETION_CAUSES: Record<string, MessageKey> = {
  facilitator: 'auditByFacilitator',
  'purge-now': 'auditPurgeNow',
  scheduled: 'auditScheduled',
  idle: 'auditIdle',
  operator: 'auditByOperator',
}

export const ROLE_MESSAGES: Record<BoardRole, MessageKey> = {
  facilitator: 'roleFacilitator',
  editor: 'roleEditor',
  viewer: 'roleViewer',
}

/** One entry as the panel shows it: each part already in the reader's words. */
export interface EntryLine {
  /** The time, as the reader's locale says it. */
  when: string
  what: string
  /** A few words more (a format, a version's name, dates), or null. */
  detail: string | null
  /** The name the person gave; null when the server did it or none was given. */
  who: string | null
  role: string | null
  /** The board: the plenary, or a breakout's title. */
  board: string
}

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g

/** A time of the log as the reader says it. */
export function entryTime(iso: string, language: LanguageCode): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** The detail in the reader's words: a deletion's cause, an export's format, any date in their calendar. */
export function entryDetail(
  entry: Pick<AuditEntryView, 'kind' | 'detail'>,
  language: LanguageCode,
  t: (key: MessageKey) => string,
): string | null {
  const detail = entry.detail?.trim()
  if (!detail) return null
  if (entry.kind === AuditKind.deletionScheduled && DELETION_CAUSES[detail]) return t(DELETION_CAUSES[detail])
  if (entry.kind === AuditKind.exported) return detail.toUpperCase()
  return detail.replace(ISO_MOMENT, (iso) => entryTime(iso, language))
}

/** Reads one entry for the panel. `breakoutTitles` names the workshop's breakouts by id. */
export function entryLine(
  entry: AuditEntryView,
  context: {
    plenaryId: string
    breakoutTitles: ReadonlyMap<string, string>
    language: LanguageCode
    t: (key: MessageKey) => string
  },
): EntryLine {
  const { plenaryId, breakoutTitles, language, t } = context
  return {
    when: entryTime(entry.at, language),
    what: t(AUDIT_KIND_MESSAGES[entry.kind] ?? 'auditOther'),
    detail: entryDetail(entry, language, t),
    who: entry.name,
    role: entry.role ? t(ROLE_MESSAGES[entry.role]) : null,
    board: entry.boardId === plenaryId ? t('auditPlenary') : (breakoutTitles.get(entry.boardId) ?? t('auditBreakout')),
  }
}
