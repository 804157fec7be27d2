import type { Logger } from 'pino'
import * as Y from 'yjs'
import { recordsInCurrentSchema } from '@cg/board-rules'
import { VersionReason, type VersionView } from '@cg/contract'
import {
  applyContentDiff,
  decodeStored,
  diffContent,
  encodeStored,
  readVersionContent,
  restoreUpdate,
  shapeCount,
  versionsToDrop,
  type VersionContent,
  type ContentDiff,
  type RetentionPolicy,
} from '@cg/history'
import type { Storage, StoredVersion, VersionInfo } from '@cg/storage'
import type { SyncServer } from '@cg/sync-server'
import { newRandomId } from '../boards/boardIds.ts'

/** A whole version at least every this many, so reading one never replays a long chain of differences. */
const MAX_CHAIN = 30

export interface HistoryOptions {
  /** Take an automatic version when the board changed and this long passed since the last one. */
  intervalMs: number
  retention: RetentionPolicy
}

/** A version's content and where it stands in its chain. */
interface Latest {
  id: string
  content: VersionContent
  depth: number
}

/** What changed a record in one update, as the board rules see it (its value before; undefined: it was new). */
export interface RecordBefore {
  key: string
  before: unknown
}

export const versionView = (v: Pick<VersionInfo, 'id' | 'createdAt' | 'name' | 'reason' | 'shapes'>): VersionView => ({
  id: v.id,
  createdAt: new Date(v.createdAt).toISOString(),
  name: v.name,
  reason: v.reason as VersionView['reason'],
  shapes: v.shapes,
})

/** Versions taken just before a large deletion: at most one in this time, per board. */
const SAFETY_VERSION_INTERVAL_MS = 60_000

/**
 * Versions of every board (plenary and breakouts), kept by the server: automatically every `intervalMs` while a
 * board changes, when it is put away, before a restore, before breakouts are brought back and before one change
 * deletes many shapes; and on a facilitator's word, with a name. Each is stored whole or as a difference from
 * the one before (whichever is smaller, a whole one at least every 30), and thinned out by the retention policy.
 */
export class BoardHistory {
  private readonly latest = new Map<string, Promise<Latest | null>>()
  private readonly queues = new Map<string, Promise<unknown>>()
  private readonly pending = new Set<Promise<unknown>>()
  private closed = false
  private readonly storage: Storage
  private readonly sync: () => SyncServer
  private readonly options: HistoryOptions
  private readonly log: Logger

  constructor(storage: Storage, sync: () => SyncServer, options: HistoryOptions, log: Logger) {
    this.storage = storage
    this.sync = sync
    this.options = options
    this.log = log
  }

  /**
   * Follows one loaded board for automatic versions. Returns what the room's rules call before a large deletion,
   * and what its unload calls (a last version if the board changed since the one before; none when the room was
   * dropped because its workshop is being deleted).
   */
  watch(
    boardId: string,
    doc: Y.Doc,
  ): { beforeLargeDeletion(changes: readonly RecordBefore[]): void; dispose(how?: { discarded: boolean }): void } {
    let changedSince = 0
    let lastVersionAt = Date.now()
    let lastSafetyAt = -Infinity
    // Told after each transaction, not each update: listening for updates makes Yjs encode every transaction.
    const onUpdate = (transaction: Y.Transaction) => {
      if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) changedSince ||= Date.now()
    }
    doc.on('afterTransaction', onUpdate)
    const timer = setInterval(
      () => {
        if (!changedSince || Date.now() - lastVersionAt < this.options.intervalMs) return
        changedSince = 0
        lastVersionAt = Date.now()
        this.track(this.save(boardId, readVersionContent(doc), VersionReason.interval, null))
      },
      Math.min(60_000, this.options.intervalMs),
    )
    timer.unref()
    return {
      beforeLargeDeletion: (changes) => {
        // One a minute at most: a version costs a read of the whole board, and deleting and adding back twenty
        // notes again and again must not make the server save one each time. What the next large deletion
        // might take is then at most a minute's work, which the version before holds.
        const now = Date.now()
        if (now - lastSafetyAt < SAFETY_VERSION_INTERVAL_MS) return
        lastSafetyAt = now
        // The board as it was just before: what it holds now, with each changed record set back.
        const content = readVersionContent(doc)
        for (const { key, before } of changes) {
          if (before === undefined) delete content.records[key]
          else content.records[key] = before
        }
        this.track(this.save(boardId, content, VersionReason.beforeLargeDeletion, null))
      },
      dispose: (how) => {
        clearInterval(timer)
        doc.off('afterTransaction', onUpdate)
        if (changedSince && !how?.discarded) {
          this.track(this.save(boardId, readVersionContent(doc), VersionReason.unload, null))
        }
      },
    }
  }

  /** Takes a version of a board now, from its live state. */
  async take(boardId: string, reason: VersionReason, name: string | null): Promise<VersionInfo | null> {
    const content = await this.sync().withRoom(boardId, async (room) => readVersionContent(room.doc))
    return this.save(boardId, content, reason, name)
  }

  async list(boardId: string): Promise<VersionInfo[]> {
    return this.storage.listVersions(boardId)
  }

  /** A version's content, read back from its chain of differences. */
  async content(boardId: string, versionId: string): Promise<{ info: StoredVersion; content: VersionContent } | null> {
    const chain: StoredVersion[] = []
    for (let id: string | null = versionId; id !== null;) {
      const version = await this.storage.getVersion(boardId, id)
      if (!version) return null
      chain.push(version)
      id = version.baseId
    }
    let content = decodeStored<VersionContent>(chain.at(-1)!.data)
    for (const diff of chain.slice(0, -1).reverse())
      content = applyContentDiff(content, decodeStored<ContentDiff>(diff.data))
    return { info: chain[0]!, content }
  }

  /**
   * Sets the board back to a version, as a forward change through the room's durable path (everyone sees it
   * live), after taking a version of the board as it is, so the restore can itself be undone.
   */
  async restore(
    boardId: string,
    versionId: string,
  ): Promise<{ before: VersionInfo | null; restored: StoredVersion } | null> {
    const version = await this.content(boardId, versionId)
    if (!version) return null
    // One restore of a board at a time, whichever process asked: two at once would each compute their change
    // against a board the other is rewriting, and their merge would be neither version.
    return this.storage.withLock(`restore:${boardId}`, async () => {
      // Everything other processes stored comes in first, so the version taken before and the change are made
      // against the board as it is now.
      await this.sync().withRoom(boardId, (room) => room.catchUpWithStorage())
      const before = await this.take(boardId, VersionReason.beforeRestore, null)
      // A version from an older app version comes back in today's record format.
      const content = {
        ...version.content,
        records: recordsInCurrentSchema(version.content.records, version.content.schema),
      }
      await this.sync().withRoom(boardId, async (room) => {
        const update = restoreUpdate(Y.encodeStateAsUpdate(room.doc), content)
        if (update) await room.applyServerUpdate(update)
      })
      this.log.info({ board: boardId, version: versionId }, 'board restored to a version')
      return { before, restored: version.info }
    })
  }

  /** Resolves once the versions of these boards already asked for are written (or given up). */
  async settled(boardIds: readonly string[]): Promise<void> {
    await Promise.all(boardIds.map((id) => this.queues.get(id) ?? Promise.resolve()))
    for (const id of boardIds) this.latest.delete(id)
  }

  /** Waits for versions still being written (on shutdown, before storage closes). */
  async close(): Promise<void> {
    this.closed = true
    await Promise.allSettled([...this.pending])
  }

  private track(work: Promise<unknown>): void {
    const settled = work.catch((error: unknown) => this.log.error({ err: error }, 'could not save a version'))
    this.pending.add(settled)
    void settled.finally(() => this.pending.delete(settled))
  }

  /** Stores a version (one at a time per board), then lets go of what the retention policy no longer keeps. */
  private save(boardId: string, content: VersionContent, reason: VersionReason, name: string | null) {
    // Other processes on the same database keep the same board's versions: one writer at a time, everywhere.
    const store = () => this.storage.withLock(`history:${boardId}`, () => this.store(boardId, content, reason, name))
    const run = (this.queues.get(boardId) ?? Promise.resolve()).then(store)
    this.queues.set(
      boardId,
      run.catch(() => {}),
    )
    return run
  }

  private async store(
    boardId: string,
    content: VersionContent,
    reason: VersionReason,
    name: string | null,
  ): Promise<VersionInfo | null> {
    if (this.closed && reason !== VersionReason.unload) return null
    // A board deleted meanwhile (in the trash, or purged) gets no more versions, whichever process still had it open.
    const board = await this.storage.getBoard(boardId)
    if (!board || board.deletion) return null
    const [newest] = await this.storage.listVersions(boardId)
    // Another process serving the board took a version since: what this one knew as the latest is stale.
    const known = await this.latest.get(boardId)?.catch(() => null)
    if (known?.id !== newest?.id) this.latest.delete(boardId)
    // Each process watching a busy board would take the interval's version: the first one does.
    if (reason === VersionReason.interval && newest && Date.now() - newest.createdAt < this.options.intervalMs / 2) {
      return null
    }
    const latest = await this.latestOf(boardId)
    const automatic = reason === VersionReason.interval || reason === VersionReason.unload
    if (automatic && latest && JSON.stringify(latest.content) === JSON.stringify(content)) return null
    const whole = encodeStored(content)
    const diff = latest ? encodeStored(diffContent(latest.content, content)) : null
    const asDiff = latest && diff && latest.depth < MAX_CHAIN && diff.byteLength < whole.byteLength
    const version: StoredVersion = {
      id: newRandomId(),
      docName: boardId,
      createdAt: Date.now(),
      name,
      reason,
      shapes: shapeCount(content),
      baseId: asDiff ? latest.id : null,
      data: asDiff ? diff : whole,
    }
    await this.storage.addVersion(version)
    this.latest.set(boardId, Promise.resolve({ id: version.id, content, depth: asDiff ? latest.depth + 1 : 0 }))
    await this.prune(boardId)
    const { data, ...info } = version
    return { ...info, bytes: data.byteLength }
  }

  private latestOf(boardId: string): Promise<Latest | null> {
    let latest = this.latest.get(boardId)
    if (!latest) {
      latest = (async () => {
        const [newest] = await this.storage.listVersions(boardId)
        if (!newest) return null
        const read = await this.content(boardId, newest.id)
        let depth = 0
        for (let id = newest.baseId; id; depth++) id = (await this.storage.getVersion(boardId, id))?.baseId ?? null
        return read ? { id: newest.id, content: read.content, depth } : null
      })()
      this.latest.set(boardId, latest)
    }
    return latest
  }

  /** Drops what the policy lets go; a difference whose base goes is re-based on its base's base (or made whole). */
  private async prune(boardId: string): Promise<void> {
    const versions = await this.storage.listVersions(boardId)
    const drop = new Set(versionsToDrop(versions, Date.now(), this.options.retention))
    if (drop.size === 0) return
    const rewrite: StoredVersion[] = []
    const kept = versions.filter((v) => !drop.has(v.id))
    for (const version of kept) {
      if (!version.baseId || !drop.has(version.baseId)) continue
      // The nearest older version that stays is the new base; none left: the version becomes whole.
      let base: string | null = version.baseId
      while (base && drop.has(base)) base = versions.find((v) => v.id === base)?.baseId ?? null
      const own = await this.content(boardId, version.id)
      if (!own) continue
      const baseContent = base ? (await this.content(boardId, base))?.content : undefined
      rewrite.push({
        ...own.info,
        baseId: baseContent ? base : null,
        data: baseContent ? encodeStored(diffContent(baseContent, own.content)) : encodeStored(own.content),
      })
    }
    await this.storage.replaceVersions(boardId, { remove: [...drop], rewrite })
    // Depths may have changed: read the newest chain again next time.
    this.latest.delete(boardId)
  }
}
