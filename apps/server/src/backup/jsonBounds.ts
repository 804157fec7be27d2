/** What an untrusted JSON text may hold before anything is built from it. */
export interface JsonLimits {
  /** Arrays and objects inside one another. */
  maxDepth: number
  /** Values, keys and separators (`[ { , :`) outside strings: a bound on how many objects parsing would create. */
  maxTokens: number
  /** Bytes of one string between its quotes (escapes counted as written). */
  maxStringBytes: number
}

export type JsonLimitBreach = 'too-deep' | 'too-many-values' | 'string-too-long'

const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The next position of a byte in a chunk, found with the native search and remembered until passed, so a chunk
 * is searched once through for each byte however many strings it holds.
 */
class NextByte {
  private at = -1
  private readonly bytes: Buffer
  private readonly byte: number

  constructor(chunk: Uint8Array, byte: number) {
    this.bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    this.byte = byte
  }

  from(position: number): number {
    if (this.at < position) {
      const found = this.bytes.indexOf(this.byte, position)
      this.at = found < 0 ? this.bytes.length : found
    }
    return this.at
  }
}

/**
 * Reads JSON text as it arrives, chunk by chunk, and says as soon as it passes a limit: a hostile body (millions
 * of empty arrays, nesting ten million deep, one string of 150 MiB) is refused after the bytes that prove it,
 * before the rest arrives and before JSON.parse builds anything. It checks shape only, not validity: JSON.parse
 * still judges the text that passes.
 */
export class JsonBoundsCheck {
  private depth = 0
  private tokens = 0
  private inString = false
  private escaped = false
  private stringBytes = 0
  private breach: JsonLimitBreach | null = null
  private readonly limits: JsonLimits

  constructor(limits: JsonLimits) {
    this.limits = limits
  }

  /** Scans the next chunk; the first limit passed so far, or null. */
  push(chunk: Uint8Array): JsonLimitBreach | null {
    if (this.breach) return this.breach
    const { maxDepth, maxTokens, maxStringBytes } = this.limits
    const quotes = new NextByte(chunk, QUOTE)
    const backslashes = new NextByte(chunk, BACKSLASH)
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false
          if (++this.stringBytes > maxStringBytes) return (this.breach = 'string-too-long')
          continue
        }
        // Long strings (a board's state in base64) are skipped with the native search, not byte by byte.
        const end = Math.min(quotes.from(i), backslashes.from(i))
        this.stringBytes += end - i
        if (this.stringBytes > maxStringBytes) return (this.breach = 'string-too-long')
        if (end === chunk.length) break
        i = end
        if (chunk[i] === BACKSLASH) {
          this.escaped = true
          if (++this.stringBytes > maxStringBytes) return (this.breach = 'string-too-long')
        } else this.inString = false
        continue
      }
      const byte = chunk[i]!
      switch (byte) {
        case QUOTE:
          this.inString = true
          this.stringBytes = 0
          if (++this.tokens > maxTokens) return (this.breach = 'too-many-values')
          break
        case 0x5b: // [
        case 0x7b: // {
          if (++this.depth > maxDepth) return (this.breach = 'too-deep')
          if (++this.tokens > maxTokens) return (this.breach = 'too-many-values')
          break
        case 0x5d: // ]
        case 0x7d: // }
          this.depth--
          break
        case 0x2c: // ,
        case 0x3a: // :
          if (++this.tokens > maxTokens) return (this.breach = 'too-many-values')
          break
      }
    }
    return null
  }
}
