import type { TLAssetStore } from 'tldraw'
import { ApiErrorCode } from '@cg/contract'
import { uploadAsset } from './api.ts'
import type { MessageKey } from '../i18n/messages.ts'

/**
 * Uploads dropped images to our server and stores only their URL in the board, never base64 in the doc
 * (tldraw's default), which would bloat every sync and every offline cache.
 */
export function createServerAssetStore(
  boardId: string,
  token: string,
  maxAssetBytes: number,
  t: (key: MessageKey) => string,
): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      if (file.size > maxAssetBytes) throw new Error(t('uploadTooLarge'))
      const result = await uploadAsset(boardId, token, file, abortSignal)
      if (result.ok) return { src: result.value.url }
      if (result.code === ApiErrorCode.payloadTooLarge) throw new Error(t('uploadTooLarge'))
      if (result.code === ApiErrorCode.unsupportedMediaType) throw new Error(t('uploadUnsupported'))
      if (result.code === ApiErrorCode.fileUnreadable) throw new Error(t('uploadUnreadable'))
      if (result.code === ApiErrorCode.boardFilesFull) throw new Error(t('uploadBoardFull'))
      if (result.code === ApiErrorCode.forbidden) throw new Error(t('uploadForbidden'))
      if (result.code === ApiErrorCode.requestTooSlow) throw new Error(t('uploadTooSlow'))
      throw new Error(t('uploadFailed'))
    },
    resolve(asset) {
      return asset.props.src
    },
  }
}
