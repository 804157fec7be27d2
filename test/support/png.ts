import { crc32, deflateSync } from 'node:zlib'

/** One PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A real, valid PNG of `width`×`height` RGB pixels built in memory (no binary fixtures in the repo). */
export function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.from([0, ...Array.from({ length: width }, (_, x) => pixel(x, y)).flat()]),
  )
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A tiny one-colour PNG (well under 100 bytes). */
export function solidPng(width = 2, height = 2, rgb: [number, number, number] = [30, 120, 200]): Buffer {
  return makePng(width, height, () => rgb)
}

/** A PNG of pseudo-random pixels, so it does not compress: about `width × height × 3` bytes. */
export function noisyPng(width: number, height: number, seed = 1): Buffer {
  let state = seed
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) >> 16
  return makePng(width, height, () => [next() & 255, next() & 255, next() & 255])
}
