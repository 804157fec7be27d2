import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { votesLeft, type VotingSession } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { shapeLabel } from '../board/shapes/shapeLabel.ts'
import { useBoardVoting, useMyBallot } from './useVotes.ts'
import { placeSticker, removeSticker } from './writeVotes.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/** Where each item's top corner is on screen, following the camera. */
function useItemAnchors(itemIds: readonly string[]) {
  const editor = useEditor()
  return useValue(
    'voting anchors',
    () =>
      itemIds.flatMap((id) => {
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        if (!bounds || editor.getAncestorPageId(id as TLShapeId) !== editor.getCurrentPageId()) return []
        const corner = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
        return [{ id, x: corner.x, y: corner.y }]
      }),
    [editor, itemIds],
  )
}

/** Sticker buttons on each item while a vote is open; totals on each item once it has ended. */
export function VotingOverlay() {
  const { open, ended } = useBoardVoting()
  if (open) return <StickerLayer session={open} />
  if (ended) return <TotalsLayer session={ended} />
  return null
}

function StickerLayer({ session }: { session: VotingSession }) {
  const { t, language } = useI18n()
  const editor = useEditor()
  const { privateDoc } = useWorkshop()
  const ballot = useMyBallot(session.id)
  const anchors = useItemAnchors(session.itemIds)
  if (!privateDoc) return null
  const left = votesLeft(session, ballot)
  return (
    <div className="cg-stickers" role="group" aria-label={session.title}>
      {anchors.map(({ id, x, y }) => {
        const mine = ballot.filter((itemId) => itemId === id).length
        const label = shapeLabel(editor, id as TLShapeId, t('deletedItem'), language.code)
        const canAdd = left > 0 && (session.allowSeveralPerItem || mine === 0)
        return (
          <div key={id} className="cg-sticker-anchor" style={{ left: x, top: y }} data-item={id}>
            <button
              type="button"
              className="cg-sticker-add"
              disabled={!canAdd}
              aria-label={t('placeStickerOn').replace('{item}', label)}
              onPointerDown={(event) => event.stopPropagation()}
              onClick={() => placeSticker(privateDoc, session, id)}
            >
              <svg viewBox="0 0 14 14" aria-hidden="true">
                <path d="M7 1v12M1 7h12" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
              </svg>
            </button>
            {Array.from({ length: mine }, (_, index) => (
              <button
                key={index}
                type="button"
                className="cg-sticker"
                aria-label={t('removeStickerFrom').replace('{item}', label)}
                onPointerDown={(event) => event.stopPropagation()}
                onClick={() => removeSticker(privateDoc, session, id)}
              />
            ))}
          </div>
        )
      })}
    </div>
  )
}

function TotalsLayer({ session }: { session: VotingSession }) {
  const { language } = useI18n()
  const anchors = useItemAnchors(session.itemIds)
  const votes = new Map(session.results?.map((result) => [result.itemId, result.votes]))
  return (
    <div className="cg-stickers">
      {anchors.map(({ id, x, y }) => (
        <span
          key={id}
          className="cg-vote-total"
          style={{ left: x, top: y }}
          data-item={id}
          data-testid="vote-total"
          title={plural(language.code, 'votes', votes.get(id) ?? 0)}
        >
          <span aria-hidden="true">{votes.get(id) ?? 0}</span>
          <span className="cg-visually-hidden">{plural(language.code, 'votes', votes.get(id) ?? 0)}</span>
        </span>
      ))}
    </div>
  )
}
