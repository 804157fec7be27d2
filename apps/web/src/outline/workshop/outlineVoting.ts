import type * as Y from 'yjs'
import { votesLeft, type VotingSession } from '@cg/facilitation'
import { placeSticker, removeSticker } from '../../voting/index.ts'

/** Sticker voting as the outline offers it, on the items of its tree (shape ids). */
export interface OutlineVoting {
  /** The vote open on this board now. */
  open: VotingSession | null
  /** The last vote that ended on this board (its totals go on the items). */
  lastEnded: VotingSession | null
  /** Stickers this person has left in the open vote (none for a viewer, or with no vote open). */
  left: number
  /** This person's stickers on an item in the open vote. */
  mine(itemId: string): number
  /** Whether this person may put a sticker on an item now (one of the vote's, stickers left, not already there
   * when a vote allows only one per item). */
  canPlace(itemId: string): boolean
  /** Puts a sticker on an item, in this person's private ballot; nothing if `canPlace` says no. */
  place(itemId: string): void
  /** Takes one of this person's stickers back off an item. */
  take(itemId: string): void
  /** Votes per item id in the last ended vote; null until one has ended. */
  results: ReadonlyMap<string, number> | null
}

/**
 * The outline's voting over the workshop's state: the open and last ended sessions of this board, this person's
 * ballot in the open one (read from their private room, where `place` and `take` write it: no one else receives
 * it, the server counts it when the vote ends), and the totals once it has ended. `privateDoc` is null for viewers,
 * who cannot vote.
 */
export function outlineVoting(state: {
  open: VotingSession | null
  lastEnded: VotingSession | null
  ballot: readonly string[]
  privateDoc: Y.Doc | null
}): OutlineVoting {
  const { open, lastEnded, ballot, privateDoc } = state
  const voting = open && privateDoc ? { session: open, privateDoc } : null
  const left = voting ? votesLeft(voting.session, ballot) : 0
  const mine = (itemId: string) => (voting ? ballot.filter((id) => id === itemId).length : 0)
  const canPlace = (itemId: string) =>
    voting !== null &&
    left > 0 &&
    voting.session.itemIds.includes(itemId) &&
    (voting.session.allowSeveralPerItem || mine(itemId) === 0)
  return {
    open,
    lastEnded,
    left,
    mine,
    canPlace,
    place: (itemId) => {
      if (voting && canPlace(itemId)) placeSticker(voting.privateDoc, voting.session, itemId)
    },
    take: (itemId) => {
      if (voting) removeSticker(voting.privateDoc, voting.session, itemId)
    },
    results: lastEnded?.results ? new Map(lastEnded.results.map((result) => [result.itemId, result.votes])) : null,
  }
}
