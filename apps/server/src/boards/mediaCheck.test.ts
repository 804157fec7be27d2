import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { pngChunk } from '../../../../test/support/png.ts'
import { checkMedia } from './mediaCheck.ts'

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/media/${name}`, import.meta.url))

/** The same length, the first `keep` bytes kept (the type's signature), the rest zeros. */
function zeroedAfter(bytes: Uint8Array, keep: number): Buffer {
  const copy = Buffer.alloc(bytes.length)
  copy.set(bytes.subarray(0, keep))
  return copy
}

const picture = sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a7ab0' } })
const images = {
  'image/png': () => picture.clone().png().toBuffer(),
  'image/jpeg': () => picture.clone().jpeg().toBuffer(),
  'image/gif': () => picture.clone().gif().toBuffer(),
  'image/webp': () => picture.clone().webp().toBuffer(),
  'image/avif': () => picture.clone().avif().toBuffer(),
}

describe('checkMedia', () => {
  it.each(Object.entries(images))(
    'accepts a real %s and refuses it zero-filled after its signature',
    async (mime, make) => {
      const bytes = await make()
      expect(await checkMedia(bytes)).toEqual({ ok: true, mimeType: mime })
      expect(await checkMedia(zeroedAfter(bytes, 16))).toMatchObject({ ok: false })
    },
  )

  it.each([
    ['tiny.mp4', 'video/mp4'],
    ['tiny.webm', 'video/webm'],
  ])('accepts a real video (%s) and refuses it zero-filled after its header', async (name, mime) => {
    const bytes = fixture(name)
    expect(await checkMedia(bytes)).toEqual({ ok: true, mimeType: mime })
    expect(await checkMedia(zeroedAfter(bytes, 40))).toEqual({ ok: false, reason: 'unreadable' })
  })

  it('checks several videos at once, each on its own', async () => {
    const [mp4, webm] = [fixture('tiny.mp4'), fixture('tiny.webm')]
    const results = await Promise.all([mp4, zeroedAfter(webm, 40), webm, zeroedAfter(mp4, 40)].map(checkMedia))
    expect(results.map((result) => result.ok)).toEqual([true, false, true, false])
  })

  it('refuses what uploads do not take, whatever its name: SVG, HTML, text', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    for (const bytes of [svg, Buffer.from('<!doctype html><p>hi'), Buffer.from('plain notes')]) {
      expect(await checkMedia(bytes)).toEqual({ ok: false, reason: 'unsupported' })
    }
  })

  it('refuses an image that claims an enormous canvas before decoding it', async () => {
    // A well-formed header claiming 50,000 × 50,000 pixels, with a few bytes of image data.
    const header = Buffer.alloc(13)
    header.writeUInt32BE(50_000, 0)
    header.writeUInt32BE(50_000, 4)
    header[8] = 8
    header[9] = 2
    const huge = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(Buffer.alloc(1000))),
      pngChunk('IEND', Buffer.alloc(0)),
    ])
    expect(huge.length).toBeLessThan(1024 * 1024)
    expect(await checkMedia(huge)).toEqual({ ok: false, reason: 'unreadable' })
  })
})
