import type * as Y from 'yjs'
import { ballotsMap, readBallot, writeVotingSession, type VotingSession } from '@cg/facilitation'
import { newItemId } from '../board/workshop/writeWorkshop.ts'

/** Opens a voting session for everyone (facilitators only: the server drops anyone else's write). */
export function startVoting(
  doc: Y.Doc,
  options: Omit<VotingSession, 'id' | 'status' | 'results' | 'voterCount' | 'endedAt'>,
): void {
  doc.transact(() => writeVotingSession(doc, { ...options, id: newItemId(), status: 'open' }))
}

/** Puts one of this person's stickers on an item, in their private room (no one else receives it). */
export function placeSticker(privateDoc: Y.Doc, session: VotingSession, itemId: string): void {
  const ballot = readBallot(privateDoc, session.id)
  if (ballot.length >= session.votesPerPerson) return
  if (!session.allowSeveralPerItem && ballot.includes(itemId)) return
  ballotsMap(privateDoc).set(session.id, [...ballot, itemId])
}

/** Takes one of this person's stickers back off an item. */
export function removeSticker(privateDoc: Y.Doc, session: VotingSession, itemId: string): void {
  const ballot = readBallot(privateDoc, session.id)
  const index = ballot.lastIndexOf(itemId)
  if (index < 0) return
  ballotsMap(privateDoc).set(
    session.id,
    ballot.filter((_, i) => i !== index),
  )
}
