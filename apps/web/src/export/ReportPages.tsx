import { ranks, type SlidesState, type VotingSession } from '@cg/facilitation'
import type { MessageKey } from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'
import type { FigurePage } from './PrintPage.tsx'
import type { BoardRole, PrintOptions } from '@cg/contract'
import { attendanceByRole } from './attendanceByRole.ts'

export interface ReportInfo {
  title: string
  attendance: { name: string; role?: BoardRole }[]
  groups: string[]
  sessions: VotingSession[]
  slides: SlidesState | null
}

/** Entries on one contents page: more spill onto further contents pages. */
const TOC_PER_PAGE = 28

/**
 * The printed pages: for a report, a cover (title, date, who came by role, groups), the contents with page numbers,
 * every board's frames, then one table per ended vote; otherwise just the frames.
 */
export function ReportPages(props: {
  options: PrintOptions
  info: ReportInfo
  figures: FigurePage[]
  labels: Map<string, Map<string, string>>
  t: (key: MessageKey) => string
}) {
  const { options, info, figures, labels, t } = props
  const figurePages = figures.map((page, index) => (
    <section className="cg-print-page" key={`figure-${index}`}>
      <h1>
        <bdi>{page.title}</bdi>
      </h1>
      <div className="cg-print-figure" dangerouslySetInnerHTML={{ __html: page.svg }} />
    </section>
  ))
  if (!options.report) return <>{figurePages}</>

  const tallies = info.sessions.filter((session) => session.results)
  const entryCount = figures.length + tallies.length
  const tocPages = Math.max(1, Math.ceil(entryCount / TOC_PER_PAGE))
  const firstFigurePage = 2 + tocPages
  const entries = [
    ...figures.map((page, index) => ({
      label: page.title === page.section ? page.section : `${page.section} — ${page.title}`,
      page: firstFigurePage + index,
    })),
    ...tallies.map((session, index) => ({
      label: `${t('reportVote')}: ${session.title}`,
      page: firstFigurePage + figures.length + index,
    })),
  ]
  const date = new Intl.DateTimeFormat(options.lang, { dateStyle: 'long' }).format(new Date())
  const present = attendanceByRole(info.attendance)
  const itemName = (session: VotingSession, itemId: string) =>
    labels.get(session.boardId)?.get(itemId) ?? t('deletedItem')

  return (
    <>
      <section className="cg-print-page cg-report-cover">
        <h1>
          <bdi>{info.title}</bdi>
        </h1>
        <p className="cg-report-kind">{t('reportTitle')}</p>
        <dl>
          <dt>{t('reportDate')}</dt>
          <dd>{date}</dd>
          <dt>{t('reportParticipants')}</dt>
          <dd>
            {present.participants.length}
            {present.participants.length > 0 && (
              <>
                {' · '}
                <bdi>{present.participants.join(', ')}</bdi>
              </>
            )}
          </dd>
          <dt>{t('reportFacilitators')}</dt>
          <dd>{present.facilitators}</dd>
          <dt>{t('reportViewers')}</dt>
          <dd>{present.viewers}</dd>
          <dt>{t('reportGroups')}</dt>
          <dd>{info.groups.length > 0 ? info.groups.join(', ') : '—'}</dd>
        </dl>
      </section>
      {Array.from({ length: tocPages }, (_, pageIndex) => (
        <section className="cg-print-page cg-report-toc" key={`toc-${pageIndex}`}>
          <h1>{t('reportContents')}</h1>
          <ol start={pageIndex * TOC_PER_PAGE + 1}>
            {entries.slice(pageIndex * TOC_PER_PAGE, (pageIndex + 1) * TOC_PER_PAGE).map((entry, index) => (
              <li key={index}>
                <bdi>{entry.label}</bdi>
                <span className="cg-report-page-number">{entry.page}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
      {figurePages}
      {tallies.map((session) => (
        <section className="cg-print-page cg-report-tally" key={session.id}>
          <h1>
            {t('reportVote')}: <bdi>{session.title}</bdi>
          </h1>
          <p>
            {plural(options.lang, 'voters', session.voterCount ?? 0)} ·{' '}
            {t('reportStickers').replace('{n}', String(session.votesPerPerson))}
          </p>
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('reportItem')}</th>
                <th>{t('reportVotes')}</th>
              </tr>
            </thead>
            <tbody>
              <TallyRows session={session} itemName={(itemId) => itemName(session, itemId)} />
            </tbody>
          </table>
        </section>
      ))}
      <style>{`
        .cg-report-cover h1 { font-size: 28pt; height: auto; margin-top: 30mm; }
        .cg-report-kind { font-size: 16pt; color: #555; }
        .cg-report-cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 3mm 8mm; font-size: 13pt; margin-top: 15mm; }
        .cg-report-cover dt { font-weight: 600; }
        .cg-report-toc ol { font-size: 11pt; padding-inline-start: 8mm; }
        .cg-report-toc li { display: flex; gap: 4mm; margin-block: 1.5mm; }
        .cg-report-toc li bdi { flex: 1; border-bottom: 1px dotted #aaa; }
        .cg-report-tally table { border-collapse: collapse; width: 100%; font-size: 11pt; }
        .cg-report-tally th, .cg-report-tally td { border: 1px solid #9fa8b2; padding: 2mm 3mm; text-align: start; }
      `}</style>
    </>
  )
}

/** One row per item of an ended vote, most votes first; tied items share a place (1, 1, 3). */
function TallyRows({ session, itemName }: { session: VotingSession; itemName: (itemId: string) => string }) {
  const results = session.results ?? []
  const places = ranks(results)
  return (
    <>
      {results.map((result, index) => (
        <tr key={result.itemId}>
          <td>{places[index]}</td>
          <td>
            <bdi>{itemName(result.itemId)}</bdi>
          </td>
          <td>{result.votes}</td>
        </tr>
      ))}
    </>
  )
}
