import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Request, Response } from 'express'

/** A JSON answer that never changes while the server runs, kept as it is and compressed once. */
export interface PrecompressedJson {
  identity: Buffer
  br?: Buffer
  gzip?: Buffer
}

export function precompressJson(value: unknown, compress: boolean): PrecompressedJson {
  const identity = Buffer.from(JSON.stringify(value))
  if (!compress) return { identity }
  return {
    identity,
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(identity, { level: 9 }),
  }
}

/** Sends the encoding the client prefers among those kept (`Vary: Accept-Encoding` for caches in between). */
export function sendPrecompressed(req: Request, res: Response, body: PrecompressedJson): void {
  res.type('application/json').vary('Accept-Encoding')
  const offered = [body.br && 'br', body.gzip && 'gzip'].filter((name): name is string => Boolean(name))
  const encoding = offered.length > 0 ? req.acceptsEncodings(...offered, 'identity') : 'identity'
  const chosen = encoding === 'br' ? body.br : encoding === 'gzip' ? body.gzip : undefined
  if (chosen && encoding) res.set('Content-Encoding', encoding).send(chosen)
  else res.send(body.identity)
}
