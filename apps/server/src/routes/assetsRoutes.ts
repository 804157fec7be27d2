import { Router, raw } from 'express'
import type { AssetStorage, BoardStorage } from '@cg/storage'
import { ApiErrorCode, ApiRoutes, type UploadedAsset } from '@cg/contract'
import { findBoard, newRandomId } from '../boards/boardIds.ts'
import { sendBoardDeleted, sendError } from '../http/httpErrors.ts'
import { checkMedia } from '../boards/mediaCheck.ts'
import { requireRole } from '../auth/requireRole.ts'

const MiB = 1024 * 1024

export function assetsRoutes(
  storage: BoardStorage & AssetStorage,
  maxAssetBytes: number,
  maxBoardFilesBytes: number,
): Router {
  const router = Router()

  // Board and token are checked before the body is read: a refused upload is never buffered.
  // Reading stays open to anyone with the file's URL (unguessable ids): images load in <img> without headers.
  router.post(
    ApiRoutes.uploadAsset.pattern,
    requireRole(storage, 'editor'),
    raw({ type: () => true, limit: maxAssetBytes }),
    async (req, res) => {
      const boardId = req.params.id
      const body: unknown = req.body
      if (!Buffer.isBuffer(body) || body.length === 0) {
        return sendError(res, 400, ApiErrorCode.invalidRequest, 'Send the file as the request body.')
      }
      // Trust the bytes, not the file name or the declared Content-Type, and only bytes that decode.
      const checked = await checkMedia(body)
      if (!checked.ok && checked.reason === 'unsupported') {
        return sendError(
          res,
          415,
          ApiErrorCode.unsupportedMediaType,
          'Only PNG, JPEG, GIF, WebP and AVIF images and MP4 or WebM videos can be added.',
        )
      }
      if (!checked.ok) {
        return sendError(
          res,
          415,
          ApiErrorCode.fileUnreadable,
          'The file is damaged: it does not open as an image or video.',
        )
      }
      const id = newRandomId()
      const asset = { boardId, id, mimeType: checked.mimeType, data: body, createdAt: Date.now() }
      if (!(await storage.putAsset(asset, maxBoardFilesBytes))) {
        return sendError(
          res,
          413,
          ApiErrorCode.boardFilesFull,
          `This board already holds ${Math.round(maxBoardFilesBytes / MiB)} MiB of files, the most this server keeps per board.`,
        )
      }
      const uploaded: UploadedAsset = {
        id,
        mimeType: checked.mimeType,
        url: ApiRoutes.getAsset.path({ id: boardId, assetId: id }),
      }
      res.status(201).json(uploaded)
    },
  )

  router.get(ApiRoutes.getAsset.pattern, async (req, res) => {
    // No link here to tell its role by: nobody is told when a workshop in the trash goes for good.
    if ((await findBoard(storage, req.params.id))?.deletion) return sendBoardDeleted(res)
    const asset = await storage.getAsset(req.params.id, req.params.assetId)
    if (!asset) return sendError(res, 404, ApiErrorCode.assetNotFound, 'No such file on this board.')
    res
      .status(200)
      .type(asset.mimeType)
      .set('Cache-Control', 'private, max-age=31536000, immutable')
      .set('Content-Disposition', 'inline')
      // Whatever a stored file turns out to be, it never runs as a page of ours.
      .set('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; media-src 'self'")
      .set('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(asset.data))
  })

  return router
}
