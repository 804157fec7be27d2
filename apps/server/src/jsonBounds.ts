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
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (byte === BACKSLASH) this.escaped = true
        else if (byte === QUOTE) {
          this.inString = false
          continue
        }
        if (++this.stringBytes > maxStringBytes) return (this.breach = 'string-too-long')
        continue
      }
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
