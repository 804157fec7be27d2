import { Router, json } from 'express'
import { z } from 'zod'
import type { BoardRecord, BoardStorage } from '@cg/storage'
import { findBoard, newRandomId } from './boardIds.ts'
import { ApiErrorCode, sendError } from './httpErrors.ts'

const CreateBoardBody = z.object({
  title: z.string().trim().min(1).max(200),
})

export function boardLinks(id: string): { editor: string } {
  return { editor: `/b/${id}` }
}

function boardView(board: BoardRecord) {
  return {
    id: board.id,
    title: board.title,
    createdAt: new Date(board.createdAt).toISOString(),
    links: boardLinks(board.id),
  }
}

export function boardsRoutes(storage: BoardStorage): Router {
  const router = Router()

  router.post('/api/boards', json({ limit: '16kb' }), async (req, res) => {
    const body = CreateBoardBody.safeParse(req.body)
    if (!body.success) {
      const detail = body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      return sendError(res, 400, ApiErrorCode.invalidRequest, detail.join('; '))
    }
    const board: BoardRecord = { id: newRandomId(), title: body.data.title, createdAt: Date.now() }
    await storage.createBoard(board)
    res.status(201).location(`/api/boards/${board.id}`).json(boardView(board))
  })

  router.get('/api/boards/:id', async (req, res) => {
    const board = await findBoard(storage, req.params.id)
    if (!board) return sendError(res, 404, ApiErrorCode.boardNotFound, 'No board has this id.')
    res.json(boardView(board))
  })

  return router
}
