import { fileTypeFromBuffer } from 'file-type'
import mediaInfoFactory, { type MediaInfo } from 'mediainfo.js'
import sharp from 'sharp'

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

/** The container names MediaInfo gives each video type we accept. */
const VIDEO_CONTAINERS: Record<string, string> = { 'video/mp4': 'MPEG-4', 'video/webm': 'WebM' }

/** Larger images than this are refused before decoding (a small file can claim a huge canvas). */
const MAX_IMAGE_PIXELS = 100_000_000

export type MediaCheck = { ok: true; mimeType: string } | { ok: false; reason: 'unsupported' | 'unreadable' }

/**
 * Whether a file is what its bytes claim, all the way through: an image must decode completely (libvips, on its
 * own threads), a video must parse as its container with a video track of a real size. A file whose first bytes
 * say PNG and whose rest is zeros is refused, so nothing stored is a disguised payload.
 */
export async function checkMedia(bytes: Uint8Array): Promise<MediaCheck> {
  const sniffed = await fileTypeFromBuffer(bytes)
  if (!sniffed || !ALLOWED_TYPES.has(sniffed.mime)) return { ok: false, reason: 'unsupported' }
  const readable = sniffed.mime.startsWith('image/')
    ? await imageDecodes(bytes)
    : await videoParses(bytes, sniffed.mime)
  return readable ? { ok: true, mimeType: sniffed.mime } : { ok: false, reason: 'unreadable' }
}

async function imageDecodes(bytes: Uint8Array): Promise<boolean> {
  try {
    // Every frame is decoded (into a small thumbnail, so memory stays small whatever the image's size).
    await sharp(bytes, { failOn: 'error', animated: true, limitInputPixels: MAX_IMAGE_PIXELS })
      .resize(32, 32, { fit: 'inside' })
      .raw()
      .toBuffer()
    return true
  } catch {
    return false
  }
}

let mediaInfo: Promise<MediaInfo<'object'>> | undefined
/** One MediaInfo instance analyses one file at a time: calls wait their turn. */
let analysing: Promise<unknown> = Promise.resolve()

async function videoParses(bytes: Uint8Array, mimeType: string): Promise<boolean> {
  mediaInfo ??= mediaInfoFactory({ format: 'object' })
  const instance = await mediaInfo
  const turn = analysing.then(() =>
    instance.analyzeData(bytes.byteLength, (size, offset) => bytes.subarray(offset, offset + size)),
  )
  analysing = turn.catch(() => undefined)
  try {
    const tracks = (await turn).media?.track ?? []
    const general = tracks.find((track) => track['@type'] === 'General')
    const video = tracks.find((track) => track['@type'] === 'Video')
    return (
      general?.Format === VIDEO_CONTAINERS[mimeType] &&
      video !== undefined &&
      Number(video.Width) > 0 &&
      Number(video.Height) > 0
    )
  } catch {
    return false
  }
}
