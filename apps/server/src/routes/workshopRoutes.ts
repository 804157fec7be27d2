import { Router, json } from 'express'
import type { Logger } from 'pino'
import type * as Y from 'yjs'
import { z } from 'zod'
import { addRecordsUpdate, planReveal, removeRecordsUpdate } from '@cg/facilitation/private-drafts'
import {
  ApiErrorCode,
  ApiRoutes,
  AuditKind,
  privateRoomPrefix,
  roomName,
  type RevealResult,
  type ServerTime,
} from '@cg/contract'
import { readBallot, readVotingSession, readWorkshop, tally, writeVotingSession, writeWorkshop } from '@cg/facilitation'
import { readDocRecords } from '@cg/tldraw-yjs/layout'
import type { BoardRecord, Storage } from '@cg/storage'
import type { Room, SyncServer } from '@cg/sync-server'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { newRandomId } from '../boards/boardIds.ts'
import { changeRoom as changeRoomOf } from '../boards/changeRoom.ts'
import { breakoutBoardsView } from '../boards/boardView.ts'
import { bodySchema, parseBody, sendError } from '../http/httpErrors.ts'
import { grantOf, requireRole } from '../auth/requireRole.ts'

const RevealBody = bodySchema(ApiRoutes.revealDrafts, z.object({ anonymous: z.boolean() }))
const BreakoutsBody = bodySchema(
  ApiRoutes.createBreakouts,
  z.object({
    groups: z
      .array(z.object({ name: z.string().trim().min(1).max(200) }))
      .min(1)
      .max(50),
  }),
)

/**
 * Workshop actions the server itself must carry out, because no client may see what they read: counting
 * ballots kept in private rooms, and revealing private drafts. Plus the server clock for the shared timer.
 */
export function workshopRoutes(storage: Storage, sync: SyncServer, audit: AuditTrail, log: Logger): Router {
  const router = Router()

  // The shared timer is in server time: clients measure their offset against this.
  router.get(ApiRoutes.time.pattern, (_req, res) => {
    const time: ServerTime = { now: Date.now() }
    res.set('Cache-Control', 'no-store').json(time)
  })

  const changeRoom = (name: string, change: (doc: Y.Doc) => void) => changeRoomOf(sync, name, change)

  /**
   * Reads every private room of a board, one at a time (each is loaded only for the read), with everything stored
   * so far, what other processes wrote included.
   */
  async function forEachPrivateRoom(boardId: string, read: (room: Room) => Promise<void>) {
    for (const name of await storage.listDocNames(privateRoomPrefix(boardId))) {
      await sync.withRoom(name, async (room) => {
        await room.catchUpWithStorage()
        await read(room)
      })
    }
  }

  // Two facilitators pressing "reveal" together, on this process or another, must not both copy the same drafts.
  const oneRevealAtATime = <T>(boardId: string, work: () => Promise<T>): Promise<T> =>
    storage.withLock(`reveal:${boardId}`, work)

  async function revealBoard(boardId: string, anonymous: boolean): Promise<number> {
    const toBoard = new Map<string, unknown>()
    const removals: { room: string; update: Uint8Array }[] = []
    await forEachPrivateRoom(boardId, async (privateRoom) => {
      const plan = planReveal(readDocRecords(privateRoom.doc), {
        anonymous,
        newId: (typeName) => `${typeName}:${newRandomId()}`,
      })
      for (const [id, record] of plan.toBoard) toBoard.set(id, record)
      // The removal is made from the same state as the copy, so an edit the author makes meanwhile is a newer
      // entry it does not delete: that edit stays private rather than vanishing.
      const update = removeRecordsUpdate(privateRoom.doc, plan.fromPrivate)
      if (update) removals.push({ room: privateRoom.name, update })
    })
    if (toBoard.size === 0) return 0
    // Board first (one durable write for everyone's drafts), then the private rooms: a failure in between
    // leaves a copy, never a loss.
    await sync.withRoom(boardId, async (room) => {
      const update = addRecordsUpdate(room.doc, toBoard)
      if (update) await room.applyServerUpdate(update)
    })
    for (const removal of removals) {
      await sync.withRoom(removal.room, (room) => room.applyServerUpdate(removal.update))
    }
    return toBoard.size
  }

  router.post(
    ApiRoutes.endVote.pattern,
    requireRole<{ id: string; sessionId: string }>(storage, 'facilitator'),
    async (req, res) => {
      const { plenary, role } = grantOf(res)
      // Counted once, even when two facilitators end it at the same moment through two processes.
      await storage.withLock(`vote:${plenary.id}`, async () => {
        const workshopRoom = roomName({ channel: 'facilitation', boardId: plenary.id })
        const session = await sync.withRoom(workshopRoom, async (room) => {
          await room.catchUpWithStorage()
          return readVotingSession(room.doc, req.params.sessionId)
        })
        if (!session) return sendError(res, 404, ApiErrorCode.notFound, 'No voting session has this id.')
        if (session.status !== 'open') {
          return sendError(res, 409, ApiErrorCode.conflict, 'This voting session has ended.')
        }
        // The session names the board whose ballots are counted; it must be this workshop's (plenary or breakout),
        // or a facilitator of another board could count, and so read, ballots that are not theirs.
        const votedOn = await storage.getBoard(session.boardId)
        if (!votedOn || (votedOn.id !== plenary.id && votedOn.parentId !== plenary.id)) {
          return sendError(res, 403, ApiErrorCode.forbidden, 'This voting session belongs to another workshop.')
        }
        const ballots: unknown[] = []
        await forEachPrivateRoom(session.boardId, async (room) => {
          ballots.push(readBallot(room.doc, session.id))
        })
        const ended = { ...session, status: 'ended' as const, endedAt: Date.now(), ...tally(session, ballots) }
        await changeRoom(workshopRoom, (doc) => writeVotingSession(doc, ended))
        log.info({ board: session.boardId, voters: ended.voterCount }, 'voting session ended')
        await audit.record(session.boardId, {
          kind: AuditKind.voteEnded,
          name: displayNameOf(req),
          role,
          detail: `${ended.voterCount} voters`,
        })
        res.json(ended)
      })
    },
  )

  router.post(
    ApiRoutes.revealDrafts.pattern,
    requireRole(storage, 'facilitator'),
    json({ limit: '4kb' }),
    async (req, res) => {
      const body = parseBody(RevealBody, req.body, res)
      if (!body) return
      const { board, plenary, role } = grantOf(res)
      const revealed = await oneRevealAtATime(board.id, () => revealBoard(board.id, body.anonymous))
      await changeRoom(roomName({ channel: 'facilitation', boardId: plenary.id }), (doc) =>
        writeWorkshop(doc, 'privateMode', {
          ...readWorkshop(doc, 'privateMode'),
          lastRevealAt: Date.now(),
          lastRevealCount: revealed,
        }),
      )
      log.info({ board: board.id, revealed }, 'private drafts revealed')
      await audit.record(board.id, {
        kind: AuditKind.draftsRevealed,
        name: displayNameOf(req),
        role,
        detail: `${revealed} ${body.anonymous ? 'anonymous' : 'named'}`,
      })
      const result: RevealResult = { revealed }
      res.json(result)
    },
  )

  router.post(
    ApiRoutes.createBreakouts.pattern,
    requireRole(storage, 'facilitator'),
    json({ limit: '16kb' }),
    async (req, res) => {
      const body = parseBody(BreakoutsBody, req.body, res)
      if (!body) return
      const { board } = grantOf(res)
      if (board.parentId)
        return sendError(res, 400, ApiErrorCode.invalidRequest, 'Breakouts start from the plenary board.')
      const now = Date.now()
      const created: BoardRecord[] = []
      for (const [index, group] of body.groups.entries()) {
        // Ordered by creation time, so the overview lists groups in the order they were asked for.
        const breakout: BoardRecord = {
          id: newRandomId(),
          title: group.name,
          createdAt: now + index,
          parentId: board.id,
        }
        await storage.createBoard(breakout)
        created.push(breakout)
      }
      log.info({ board: board.id, groups: created.length }, 'breakout boards created')
      res.status(201).json(breakoutBoardsView(created))
    },
  )

  router.get(ApiRoutes.listBreakouts.pattern, requireRole(storage, 'viewer'), async (_req, res) => {
    const { plenary } = grantOf(res)
    const boards = await storage.listChildBoards(plenary.id)
    res.set('Cache-Control', 'no-store').json(breakoutBoardsView(boards))
  })

  return router
}
