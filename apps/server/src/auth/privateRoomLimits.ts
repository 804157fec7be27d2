import type { IncomingMessage } from 'node:http'
import { MemoryStore, type Options, type Store } from 'express-rate-limit'
import proxyAddr from 'proxy-addr'
import { privateRoomPrefix } from '@cg/contract'
import type { DocStorage } from '@cg/storage'

const TEN_MINUTES_MS = 10 * 60_000

export type PrivateRoomVerdict = 'ok' | 'board-full' | 'too-many-new'

/**
 * How many private rooms a board keeps, and how fast new ones may appear. A private room is made by anyone with a
 * participant link who names a new key, and each may grow to a board's size: without a bound, one link could
 * store rooms without end. A board keeps `maxPerBoard` (stored, or open on this process); one client address may
 * open `newPer10Minutes` new ones (a shared link cannot tell people apart; an address can, mostly). Coming back
 * to one's own room costs nothing.
 */
export class PrivateRoomLimits {
  private readonly storage: Pick<DocStorage, 'listDocNames'>
  private readonly openRoomNames: (prefix: string) => string[]
  private readonly maxPerBoard: number
  private readonly newPer10Minutes: number
  private readonly store: Store
  private readonly trusted: ReturnType<typeof proxyAddr.compile> | null
  private readonly hops: number

  constructor(options: {
    storage: Pick<DocStorage, 'listDocNames'>
    openRoomNames: (prefix: string) => string[]
    maxPerBoard: number
    newPer10Minutes: number
    /** Counters shared by several processes (Redis); by default this process's own. */
    store?: Store
    /** express's `trust proxy` setting, so an address behind a proxy is read as the HTTP routes read it. */
    trustProxy: string | number | undefined
  }) {
    this.storage = options.storage
    this.openRoomNames = options.openRoomNames
    this.maxPerBoard = options.maxPerBoard
    this.newPer10Minutes = options.newPer10Minutes
    this.store = options.store ?? new MemoryStore()
    void this.store.init?.({ windowMs: TEN_MINUTES_MS } as Options)
    const { trustProxy } = options
    this.trusted =
      trustProxy === undefined ? null : typeof trustProxy === 'number' ? null : proxyAddr.compile(trustProxy.split(','))
    this.hops = typeof trustProxy === 'number' ? trustProxy : 0
  }

  /** Whether the connection `request` may open the private room `docName` of `boardId`. */
  async admit(boardId: string, docName: string, request: IncomingMessage | undefined): Promise<PrivateRoomVerdict> {
    const prefix = privateRoomPrefix(boardId)
    const open = this.openRoomNames(prefix)
    if (open.includes(docName)) return 'ok'
    const stored = await this.storage.listDocNames(prefix)
    if (stored.includes(docName)) return 'ok'
    if (new Set([...stored, ...open]).size >= this.maxPerBoard) return 'board-full'
    const { totalHits } = await this.store.increment(`private-rooms:${this.addressOf(request)}`)
    return totalHits > this.newPer10Minutes ? 'too-many-new' : 'ok'
  }

  private addressOf(request: IncomingMessage | undefined): string {
    if (!request) return 'unknown'
    if (this.trusted) return proxyAddr(request, this.trusted)
    // A number of trusted hops, as express reads it; none: the socket's own address.
    return proxyAddr(request, (_address, hop) => hop < this.hops)
  }
}
