import { Router, raw } from 'express'
import { fileTypeFromBuffer } from 'file-type'
import type { AssetStorage, BoardStorage } from '@cg/storage'
import { newRandomId } from './boardIds.ts'
import { ApiErrorCode, type UploadedAsset } from '@cg/contract'
import { sendError } from './httpErrors.ts'
import { requireRole } from './requireRole.ts'

/** What may be dropped on a board. SVG is left out on purpose: it can carry scripts. */
export const ALLOWED_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/webm',
])

export function assetsRoutes(storage: BoardStorage & AssetStorage, maxAssetBytes: number): Router {
  const router = Router()

  // Board and token are checked before the body is read: a refused upload is never buffered.
  // Reading stays open to anyone with the file's URL (unguessable ids): images load in <img> without headers.
  router.post(
    '/api/boards/:id/assets',
    requireRole(storage, 'editor'),
    raw({ type: () => true, limit: maxAssetBytes }),
    async (req, res) => {
      const boardId = req.params.id
      const body: unknown = req.body
      if (!Buffer.isBuffer(body) || body.length === 0) {
        return sendError(res, 400, ApiErrorCode.invalidRequest, 'Send the file as the request body.')
      }
      // Trust the bytes, not the file name or the declared Content-Type.
      const sniffed = await fileTypeFromBuffer(body)
      if (!sniffed || !ALLOWED_TYPES.has(sniffed.mime)) {
        return sendError(
          res,
          415,
          ApiErrorCode.unsupportedMediaType,
          'Only PNG, JPEG, GIF, WebP and AVIF images and MP4 or WebM videos can be added.',
        )
      }
      const id = newRandomId()
      await storage.putAsset({ boardId, id, mimeType: sniffed.mime, data: body, createdAt: Date.now() })
      const asset: UploadedAsset = { id, mimeType: sniffed.mime, url: `/api/boards/${boardId}/assets/${id}` }
      res.status(201).json(asset)
    },
  )

  router.get('/api/boards/:id/assets/:assetId', async (req, res) => {
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
