import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { DEFAULT_VOTES_PER_PERSON, type VotingSession } from '@cg/facilitation'
import { endVotingSession } from '../shared/api.ts'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { votableItems } from './votableItems.ts'
import { useVotingSessions } from './useVotes.ts'
import { VotingResults } from './VotingResults.tsx'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useTurnout } from '../board/workshop/presenceReports.ts'
import { startVoting } from './writeVotes.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** The facilitator's sticker voting controls: start on a selection or frame, end, see results, run again. */
export function VotingSection() {
  const { t } = useI18n()
  const editor = useEditor()
  const { workshopDoc, board, token, serverNow } = useWorkshop()
  const sessions = useVotingSessions().filter((session) => session.boardId === board.id)
  const open = sessions.find((session) => session.status === 'open')
  const latestEnded = sessions.find((session) => session.status === 'ended')
  const [title, setTitle] = useState('')
  const [votes, setVotes] = useState(String(DEFAULT_VOTES_PER_PERSON))
  const [several, setSeveral] = useState(false)
  const [ending, setEnding] = useState<'idle' | 'busy' | 'failed'>('idle')
  const itemCount = useValue('votable items', () => votableItems(editor).length, [editor])

  const start = (items: string[], from?: VotingSession) =>
    startVoting(workshopDoc, {
      title: from?.title ?? (title.trim() || t('votingDefaultTitle')),
      boardId: board.id,
      itemIds: items,
      votesPerPerson: from?.votesPerPerson ?? Math.min(20, Math.max(1, Math.round(Number(votes) || 3))),
      allowSeveralPerItem: from?.allowSeveralPerItem ?? several,
      startedAt: serverNow(),
    })

  async function end(session: VotingSession) {
    setEnding('busy')
    const result = await endVotingSession(board.id, session.id, token)
    setEnding(result.ok ? 'idle' : 'failed')
  }

  return (
    <PanelSection title={t('stickerVoting')} tool="voting">
      {open ? (
        <>
          <p role="status">
            {t('votingOpenSummary')
              .replace('{title}', open.title)
              .replace('{n}', String(open.itemIds.length))
              .replace('{votes}', String(open.votesPerPerson))}
          </p>
          <Turnout sessionId={open.id} />
          <button type="button" disabled={ending === 'busy'} onClick={() => void end(open)}>
            {ending === 'busy' ? t('endingVoting') : t('endVoting')}
          </button>
          {ending === 'failed' && (
            <p role="alert" className="cg-error">
              {t('endVotingFailed')}
            </p>
          )}
        </>
      ) : (
        <div className="cg-voting-form">
          <label>
            {t('votingTitle')}
            <input
              value={title}
              maxLength={200}
              placeholder={t('votingDefaultTitle')}
              onChange={(event) => setTitle(event.target.value)}
            />
          </label>
          <label>
            {t('votesPerPerson')}
            <input type="number" min={1} max={20} value={votes} onChange={(event) => setVotes(event.target.value)} />
          </label>
          <label className="cg-check">
            <input type="checkbox" checked={several} onChange={(event) => setSeveral(event.target.checked)} />
            {t('allowSeveralPerItem')}
          </label>
          <button type="button" disabled={itemCount === 0} onClick={() => start(votableItems(editor))}>
            {t('startVotingOnSelection').replace('{n}', String(itemCount))}
          </button>
          {itemCount === 0 && <p className="cg-muted">{t('selectItemsToVote')}</p>}
        </div>
      )}
      {latestEnded && !open && (
        <>
          <VotingResults session={latestEnded} />
          <button type="button" onClick={() => start(latestEnded.itemIds, latestEnded)}>
            {t('runVotingAgain')}
          </button>
        </>
      )}
    </PanelSection>
  )
}

/** "5 of 12 have voted": participants on the board now who have placed at least one sticker. */
function Turnout({ sessionId }: { sessionId: string }) {
  const { language } = useI18n()
  const { voted, present } = useTurnout(useCodraftContext()?.awareness, sessionId)
  return (
    <p className="cg-turnout" data-testid="voting-turnout">
      {plural(language.code, 'turnout', voted, { total: present })}
    </p>
  )
}
