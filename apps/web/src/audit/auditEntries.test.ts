import { describe, expect, it } from 'vitest'
import { AuditKind, type AuditEntryView } from '@cg/contract'
import { ar, en, fr, type MessageKey } from '../i18n/messages.ts'
import { AUDIT_KIND_MESSAGES, entryDetail, entryLine, entryTime } from './auditEntries.ts'

const PLENARY = 'P'.repeat(22)
const GROUP = 'G'.repeat(22)
const english = (key: MessageKey) => en[key]
const entry = (changes: Partial<AuditEntryView>): AuditEntryView => ({
  at: '2027-03-20T09:15:00.000Z',
  kind: AuditKind.joined,
  boardId: PLENARY,
  name: 'ليلى',
  role: 'editor',
  detail: null,
  ...changes,
})
const context = { plenaryId: PLENARY, breakoutTitles: new Map([[GROUP, 'Group 2']]), language: 'en' as const }

describe('an audit entry in the facilitator’s words', () => {
  it('says who joined, with which link, on which board', () => {
    const line = entryLine(entry({}), { ...context, t: english })
    expect(line).toMatchObject({ what: en.auditJoined, who: 'ليلى', role: 'Participant', board: en.auditPlenary })
    expect(entryLine(entry({ boardId: GROUP }), { ...context, t: english }).board).toBe('Group 2')
    // A breakout made after the titles were read: named for what it is.
    expect(entryLine(entry({ boardId: 'X'.repeat(22) }), { ...context, t: english }).board).toBe(en.auditBreakout)
  })

  it('names what the server did on its own without a person or a role', () => {
    const line = entryLine(entry({ kind: AuditKind.linksExpired, name: null, role: null }), {
      ...context,
      t: english,
    })
    expect(line).toMatchObject({ what: en.auditLinksExpired, who: null, role: null })
  })

  it('has a sentence for every kind, in every language', () => {
    for (const dictionary of [en, fr, ar]) {
      for (const key of Object.values(AUDIT_KIND_MESSAGES)) expect(dictionary[key]).toBeTruthy()
    }
    expect(Object.keys(AUDIT_KIND_MESSAGES).sort()).toEqual(Object.values(AuditKind).sort())
  })

  it('puts a deletion’s cause and an export’s format in words, and dates in the reader’s calendar', () => {
    expect(entryDetail({ kind: AuditKind.deletionScheduled, detail: 'idle' }, 'en', english)).toBe(en.auditIdle)
    expect(entryDetail({ kind: AuditKind.deletionScheduled, detail: 'purge-now' }, 'fr', (key) => fr[key])).toBe(
      fr.auditPurgeNow,
    )
    expect(entryDetail({ kind: AuditKind.exported, detail: 'docx' }, 'en', english)).toBe('DOCX')
    expect(entryDetail({ kind: AuditKind.versionSaved, detail: ' Before lunch ' }, 'en', english)).toBe('Before lunch')
    expect(entryDetail({ kind: AuditKind.joined, detail: null }, 'en', english)).toBeNull()
    const expired = entryDetail(
      { kind: AuditKind.linksExpired, detail: '2027-03-31T21:59:00.000Z' },
      'ar',
      (key) => ar[key],
    )
    expect(expired).toBe(entryTime('2027-03-31T21:59:00.000Z', 'ar'))
    expect(expired).not.toContain('2027-03-31T')
  })

  it('reads the server’s machine words of each kind as a phrase, with the reader’s plural rules', () => {
    const arabic = (key: MessageKey) => ar[key]
    expect(
      entryDetail(
        { kind: AuditKind.retentionSet, detail: 'deleteOn 2027-03-31T21:59:00.000Z, linksExpireAt never' },
        'en',
        english,
      ),
    ).toBe(`kept until: ${entryTime('2027-03-31T21:59:00.000Z', 'en')}; links work until: no date`)
    expect(entryDetail({ kind: AuditKind.voteEnded, detail: '2 voters' }, 'ar', arabic)).toBe('صوّت شخصان')
    expect(entryDetail({ kind: AuditKind.draftsRevealed, detail: '1 anonymous' }, 'en', english)).toBe(
      `1 note, ${en.auditAnonymously}`,
    )
    expect(entryDetail({ kind: AuditKind.draftsRevealed, detail: '11 named' }, 'ar', arabic)).toBe(
      `11 ملاحظة، ${ar.auditWithNames}`,
    )
    expect(entryDetail({ kind: AuditKind.linksReplaced, detail: 'editor, viewer' }, 'fr', (key) => fr[key])).toBe(
      `${fr.roleEditor} et ${fr.roleViewer}`,
    )
    expect(entryDetail({ kind: AuditKind.versionSaved, detail: 'before-bring-back' }, 'en', english)).toBe(
      en.reasonBeforeBringBack,
    )
    // Words this page does not know (a newer server's): shown as they are.
    expect(entryDetail({ kind: AuditKind.voteEnded, detail: 'ended early' }, 'en', english)).toBe('ended early')
  })
})
