import { setImmediate as letOthersRun } from 'node:timers/promises'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import { decodeStored, readVersionContent, type ContentDiff, type VersionContent } from '@cg/history'
import type { Storage } from '@cg/storage'
import { PeriodicTask } from '../periodicTask.ts'
import { FileReferences } from './fileReferences.ts'

export interface UnusedFilesOptions {
  storage: Storage
  /** How long a file stays once nothing refers to it (UNUSED_FILE_DAYS). */
  graceMs: number
  /** How often each process sweeps (FILE_SWEEP_MS). */
  everyMs: number
  /** The clock of the marks (tests move it past the grace). */
  now: () => number
  log: Logger
}

/** What one sweep did, in counts (never names or content). */
export interface UnusedFilesSwept {
  workshops: number
  deleted: number
  /** Workshops left as they were because some of their content could not be read (their files stay). */
  unreadable: number
}

/**
 * Deletes uploaded files that nothing of their workshop refers to any more: neither its boards' documents (every
 * room) nor any stored version. A file is marked when a sweep first finds it unreferenced and deleted once it stayed
 * so for the grace period: an upload lands a moment before the record that shows it, and undo or a version brings
 * a picture back. Only workshops with files are read, one at a time, from storage (what every process wrote), never
 * loading a room; workshops in the trash are left to their purge. Two processes sweeping at once do the same
 * marks and deletions, each board's in one transaction, so no lock is needed between them.
 */
export class UnusedFilesSweep {
  private readonly options: UnusedFilesOptions
  private readonly task: PeriodicTask<UnusedFilesSwept>

  constructor(options: UnusedFilesOptions) {
    this.options = options
    this.task = new PeriodicTask(options.everyMs, () => this.run(), { workshops: 0, deleted: 0, unreadable: 0 })
  }

  /** One sweep now (or the one under way); a failed one is logged, and the next tries again. */
  sweep(): Promise<UnusedFilesSwept> {
    return this.task.run()
  }

  /** Stops sweeping; resolves once a sweep under way is done (before storage closes). */
  close(): Promise<void> {
    return this.task.close()
  }

  private async run(): Promise<UnusedFilesSwept> {
    const { log } = this.options
    const swept: UnusedFilesSwept = { workshops: 0, deleted: 0, unreadable: 0 }
    try {
      for (const [plenaryId, boardsWithFiles] of await this.workshopsWithFiles()) {
        if (this.task.isClosed) break
        swept.workshops++
        const deleted = await this.sweepWorkshop(plenaryId, boardsWithFiles)
        if (deleted === null) swept.unreadable++
        else swept.deleted += deleted
      }
      if (swept.deleted > 0 || swept.unreadable > 0) log.info(swept, 'unused files swept')
    } catch (error) {
      log.error({ err: error }, 'unused files sweep failed; the next one tries again')
    }
    return swept
  }

  /** The boards with files, by workshop (a board whose record is gone counts as its own workshop). */
  private async workshopsWithFiles(): Promise<Map<string, string[]>> {
    const workshops = new Map<string, string[]>()
    for (const boardId of await this.options.storage.listBoardsWithAssets()) {
      const board = await this.options.storage.getBoard(boardId)
      if (board?.deletion) continue
      const plenaryId = board?.parentId ?? boardId
      workshops.set(plenaryId, [...(workshops.get(plenaryId) ?? []), boardId])
    }
    return workshops
  }

  /** Marks and deletes the workshop's unused files; how many went, or null when its content could not be read. */
  private async sweepWorkshop(plenaryId: string, boardsWithFiles: readonly string[]): Promise<number | null> {
    const { storage, graceMs, now, log } = this.options
    const breakouts = await storage.listChildBoards(plenaryId)
    const boardIds = new Set([plenaryId, ...breakouts.map((board) => board.id), ...boardsWithFiles])
    const references = new FileReferences()
    try {
      for (const boardId of boardIds) await this.readBoard(boardId, references)
    } catch (error) {
      log.warn({ err: error, board: plenaryId }, 'unused files: content unreadable, its files are kept')
      return null
    }
    let deleted = 0
    for (const boardId of boardsWithFiles) {
      const at = now()
      deleted += (await storage.sweepUnreferencedAssets(boardId, references.filesOf(boardId), at, at - graceMs)).length
    }
    return deleted
  }

  /** Adds what every room of a board and every version of them refers to. */
  private async readBoard(boardId: string, references: FileReferences): Promise<void> {
    const { storage } = this.options
    for (const docName of [boardId, ...(await storage.listDocNames(`${boardId}:`))]) {
      const stored = await storage.loadDoc(docName)
      const doc = new Y.Doc()
      try {
        // A part that does not apply throws: the workshop is then left alone (its room logs and keeps that part).
        for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
          Y.applyUpdate(doc, part)
        }
        const content = readVersionContent(doc)
        references.addRecords(content.records)
        references.addTexts(content.texts)
      } finally {
        doc.destroy()
      }
      await letOthersRun()
      // Under the lock the board's history writes with: a prune does not rewrite versions between two reads.
      await storage.withLock(`history:${docName}`, () => this.readVersions(docName, references))
    }
  }

  private async readVersions(docName: string, references: FileReferences): Promise<void> {
    const { storage } = this.options
    for (const info of await storage.listVersions(docName)) {
      const version = await storage.getVersion(docName, info.id)
      if (!version) continue
      const stored = decodeStored<VersionContent | ContentDiff>(version.data)
      if ('records' in stored) references.addRecords(stored.records)
      else references.addRecords(stored.set)
      references.addTexts(stored.texts)
      await letOthersRun()
    }
  }
}
