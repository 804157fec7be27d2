/**
 * How an entry of the workshop's audit log reads in the facilitator's panel, in their language (pure: the section
 * renders it). The server says what happened in a few machine words (`kind`, `detail`); the reader sees a sentence.
 */
import {
  AuditKind,
  isBoardRole,
  VersionReason,
  type AuditEntryView,
  type BoardRole,
  type LanguageCode,
} from '@cg/contract'
import type { MessageKey } from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'

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

/** Why the server saved a version (the `detail` of a version saved without a name). */
const VERSION_REASONS: Record<string, MessageKey> = {
  [VersionReason.interval]: 'reasonInterval',
  [VersionReason.unload]: 'reasonUnload',
  [VersionReason.beforeRestore]: 'reasonBeforeRestore',
  [VersionReason.beforeBringBack]: 'reasonBeforeBringBack',
  [VersionReason.beforeLargeDeletion]: 'reasonBeforeLargeDeletion',
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

/** The detail in the reader's words: the server writes a few machine words, each kind its own (see the server's routes). */
export function entryDetail(
  entry: Pick<AuditEntryView, 'kind' | 'detail'>,
  language: LanguageCode,
  t: (key: MessageKey) => string,
): string | null {
  const detail = entry.detail?.trim()
  if (!detail) return null
  const moment = (iso: string) => (iso === 'never' ? t('auditNoDate') : entryTime(iso, language))
  switch (entry.kind) {
    case AuditKind.deletionScheduled:
      if (DELETION_CAUSES[detail]) return t(DELETION_CAUSES[detail])
      break
    case AuditKind.exported:
      return detail.toUpperCase()
    case AuditKind.versionSaved:
      if (VERSION_REASONS[detail]) return t(VERSION_REASONS[detail])
      break
    case AuditKind.voteEnded: {
      const voters = /^(\d+) voters?$/.exec(detail)
      if (voters) return plural(language, 'voters', Number(voters[1]))
      break
    }
    case AuditKind.draftsRevealed: {
      const revealed = /^(\d+) (anonymous|named)$/.exec(detail)
      if (revealed) {
        const how = t(revealed[2] === 'anonymous' ? 'auditAnonymously' : 'auditWithNames')
        return t('auditRevealedDetail')
          .replace('{notes}', plural(language, 'revealedNotes', Number(revealed[1])))
          .replace('{how}', how)
      }
      break
    }
    case AuditKind.linksReplaced: {
      const roles = detail.split(/,\s*/)
      if (roles.every(isBoardRole)) {
        return new Intl.ListFormat(language, { type: 'conjunction' }).format(
          roles.map((role) => t(ROLE_MESSAGES[role])),
        )
      }
      break
    }
    case AuditKind.retentionSet: {
      const dates = /^deleteOn (\S+), linksExpireAt (\S+)$/.exec(detail)
      if (dates) {
        return t('auditDatesDetail').replace('{deleteOn}', moment(dates[1]!)).replace('{linksUntil}', moment(dates[2]!))
      }
      break
    }
  }
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
