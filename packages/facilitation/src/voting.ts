import { z } from 'zod'

/**
 * Sticker voting. Ballots are written by each participant into their own private room, so nobody (not even
 * another client's devtools) sees them before the end; the server counts them when the facilitator ends
 * the session and writes only the totals into the shared workshop state.
 */
export const VotingSession = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  /** The board whose items are voted on (the plenary or a breakout). */
  boardId: z.string().min(1).max(64),
  /** Shapes that can receive stickers. */
  itemIds: z.array(z.string().min(1).max(100)).min(1).max(500),
  votesPerPerson: z.number().int().min(1).max(20),
  /** Whether one person may put several stickers on the same item. */
  allowSeveralPerItem: z.boolean(),
  status: z.enum(['open', 'ended']),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /** Set by the server when the session ends, most votes first. */
  results: z.array(z.object({ itemId: z.string(), votes: z.number().int().nonnegative() })).optional(),
  /** How many people voted (ballots with at least one sticker). */
  voterCount: z.number().int().nonnegative().optional(),
})
export type VotingSession = z.infer<typeof VotingSession>

export const DEFAULT_VOTES_PER_PERSON = 3

/** What a ballot may hold: known items only, at most the allowance, repeats only when allowed. */
export function validBallot(
  session: Pick<VotingSession, 'itemIds' | 'votesPerPerson' | 'allowSeveralPerItem'>,
  ballot: unknown,
): string[] {
  if (!Array.isArray(ballot)) return []
  const items = new Set(session.itemIds)
  const kept: string[] = []
  for (const itemId of ballot) {
    if (kept.length >= session.votesPerPerson) break
    if (typeof itemId !== 'string' || !items.has(itemId)) continue
    if (!session.allowSeveralPerItem && kept.includes(itemId)) continue
    kept.push(itemId)
  }
  return kept
}

/** Totals per item, most votes first (ties keep the order the items were listed in). */
export function tally(
  session: VotingSession,
  ballots: readonly unknown[],
): Pick<VotingSession, 'results' | 'voterCount'> {
  const counts = new Map(session.itemIds.map((id) => [id, 0]))
  let voterCount = 0
  for (const ballot of ballots) {
    const valid = validBallot(session, ballot)
    if (valid.length > 0) voterCount++
    for (const itemId of valid) counts.set(itemId, counts.get(itemId)! + 1)
  }
  const order = new Map(session.itemIds.map((id, index) => [id, index]))
  const results = [...counts]
    .map(([itemId, votes]) => ({ itemId, votes }))
    .sort((a, b) => b.votes - a.votes || order.get(a.itemId)! - order.get(b.itemId)!)
  return { results, voterCount }
}

/**
 * Each result's place, ties sharing one ("1, 1, 3"): two items with the same votes are equally preferred, and
 * the next one is third, not second. `results` are in tally order (most votes first).
 */
export function ranks(results: readonly { votes: number }[]): number[] {
  return results.map((result, index) => {
    let first = index
    while (first > 0 && results[first - 1]!.votes === result.votes) first--
    return first + 1
  })
}

/** Stickers left for a person, given the ballot they have placed so far. */
export function votesLeft(session: Pick<VotingSession, 'votesPerPerson'>, ballot: readonly string[]): number {
  return Math.max(0, session.votesPerPerson - ballot.length)
}
