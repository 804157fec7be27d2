import { ballotsMap, writeVotingSession } from '@cg/facilitation'
import { roomName } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs/layout'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { noteRecord } from '../support/records.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'
import { startOurServer, stop } from './servers.ts'

export interface WorkshopResult {
  participants: number
  /** POST …/votes/:id/end: the server reads every private room and publishes the totals. */
  endVoteMs: number
  /** POST …/private/reveal: every private draft copied to the board and removed from its room. */
  revealMs: number
  /** Reference: one client syncing every private room itself, what a browser-side count would need. */
  clientFetchAllMs: number
  revealed: number
  problems: string[]
}

const ITEMS = Array.from({ length: 10 }, (_, i) => `shape:item${i}`)
const NOTES_PER_PERSON = 3

/** A participant's key, as the browser makes one: 22 URL-safe characters. */
const keyOf = (index: number) => `p${String(index).padStart(21, '0')}`

function draft(id: string, text: string) {
  return noteRecord(id, text, { meta: { private: true, authorName: 'Bench' } })
}

async function timed(work: () => Promise<Response>): Promise<{ ms: number; body: unknown; status: number }> {
  const started = performance.now()
  const response = await work()
  const body: unknown = await response.json()
  return { ms: performance.now() - started, body, status: response.status }
}

/**
 * A workshop of `participants` people, each with a ballot and private drafts in their own room, all connected;
 * then the facilitator ends the vote and reveals the drafts. Fresh server process, persistence on.
 */
export async function measureWorkshop(participants: number): Promise<WorkshopResult> {
  // Each stock y-websocket client in Node listens for the process's exit; dozens at once are expected here.
  process.setMaxListeners(participants + 20)
  const dataDir = makeTempDir('cg-bench-workshop-')
  const problems: string[] = []
  const clients: YClient[] = []
  const server = await startOurServer(dataDir)
  try {
    const board: CreatedBoard = await createBoard(server.url, 'bench workshop')
    const workshop = await connectSyncedClient(
      server.url,
      roomName({ channel: 'facilitation', boardId: board.id }),
      board.tokens.facilitator,
    )
    clients.push(workshop)
    workshop.doc.transact(() =>
      writeVotingSession(workshop.doc, {
        id: 'bench-vote',
        title: 'Bench',
        boardId: board.id,
        itemIds: ITEMS,
        votesPerPerson: 3,
        allowSeveralPerItem: false,
        status: 'open',
        startedAt: Date.now(),
      }),
    )
    const rooms = Array.from({ length: participants }, (_, i) =>
      roomName({ channel: 'private', boardId: board.id, key: keyOf(i) }),
    )
    for (const [index, room] of rooms.entries()) {
      const person = await connectSyncedClient(server.url, room, board.tokens.editor)
      clients.push(person)
      person.doc.transact(() => {
        ballotsMap(person.doc).set('bench-vote', [
          ITEMS[index % 10]!,
          ITEMS[(index + 3) % 10]!,
          ITEMS[(index + 7) % 10]!,
        ])
        const kv = getRecordsKeyValue(person.doc)
        for (let n = 0; n < NOTES_PER_PERSON; n++)
          kv.set(`shape:d${index}x${n}`, draft(`shape:d${index}x${n}`, `idea ${index}.${n}`))
      })
    }
    // Let the last writes reach storage before timing (the server stores before it acknowledges nothing else).
    await new Promise((resolve) => setTimeout(resolve, 500))

    const reference = performance.now()
    for (const room of rooms) {
      const reader = await connectSyncedClient(server.url, room, board.tokens.editor)
      reader.destroy()
    }
    const clientFetchAllMs = performance.now() - reference

    const end = await timed(() =>
      fetch(`${server.url}/api/boards/${board.id}/votes/bench-vote/end`, {
        method: 'POST',
        headers: bearer(board.tokens.facilitator),
      }),
    )
    if (end.status !== 200) problems.push(`end vote answered ${end.status}`)
    const voters = (end.body as { voterCount?: number }).voterCount
    if (voters !== participants) problems.push(`counted ${voters} voters, expected ${participants}`)

    const reveal = await timed(() =>
      fetch(`${server.url}/api/boards/${board.id}/private/reveal`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
        body: JSON.stringify({ anonymous: true }),
      }),
    )
    const revealed = (reveal.body as { revealed?: number }).revealed ?? 0
    if (revealed !== participants * NOTES_PER_PERSON) problems.push(`revealed ${revealed} drafts`)
    return { participants, endVoteMs: end.ms, revealMs: reveal.ms, clientFetchAllMs, revealed, problems }
  } finally {
    for (const client of clients) client.destroy()
    await stop(server)
    removeTempDir(dataDir)
  }
}
