import { statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import * as Y from 'yjs'
import { SqliteStorage, type DocStats } from '@cg/storage'
import { createRandom } from '../support/prng.ts'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { connectClient } from '../support/yClient.ts'
import { startOurServer, stop } from './servers.ts'

export interface StoredBytes extends DocStats {
  total: number
}

export interface StorageResult {
  edits: number
  live: StoredBytes
  afterShutdown: StoredBytes
  /** Y.encodeStateAsUpdate of the writing client's doc. */
  stateBytes: number
  /** boards.sqlite (+ -wal if any) on disk after shutdown. */
  fileBytes: number
  shutdownExitCode: number | null
  /** Empty when the stored document restores to exactly the client's document. */
  problems: string[]
  elapsedMs: number
}

const KEYS = 20
const WORDS = ['need', 'water', 'shelter', 'cash', 'health', 'camp', 'partner', 'risk', 'budget', 'output']

/**
 * Opens the board file through the server's own storage class, runs `read` and closes it again. Safe while the
 * server runs: the file is in WAL mode, so this second connection reads alongside the server's.
 */
async function readStorage<T>(file: string, read: (storage: SqliteStorage) => Promise<T>): Promise<T> {
  const storage = new SqliteStorage(file)
  try {
    return await read(storage)
  } finally {
    await storage.close()
  }
}

/** Stored bytes for one document (`SqliteStorage.docStats`), with their total. */
async function storedBytes(storage: SqliteStorage, docName: string): Promise<StoredBytes> {
  const stats = await storage.docStats(docName)
  return { ...stats, total: stats.updateBytes + stats.snapshotBytes }
}

/** A document built from updates applied in order, the way the server loads a stored one. */
function docFrom(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  return doc
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Y.encodeStateVector(b))
}

function sameContent(a: Y.Doc, b: Y.Doc): boolean {
  return (
    JSON.stringify(a.getMap('fields').toJSON()) === JSON.stringify(b.getMap('fields').toJSON()) &&
    a.getText('notes').toString() === b.getText('notes').toString()
  )
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/**
 * `edits` edits through a real y-websocket client: 9 in 10 overwrite one of the same 20 keys of a Y.Map, 1 in 10
 * inserts or deletes text. A second client watches; once it has everything, the server has stored everything
 * (it broadcasts only after the write), so that is when the live bytes are read.
 */
export async function measureStorage(edits: number): Promise<StorageResult> {
  const started = performance.now()
  const dataDir = makeTempDir('cg-bench-storage-')
  const file = join(dataDir, 'boards.sqlite')
  const problems: string[] = []
  try {
    const server = await startOurServer(dataDir)
    let shutdownExitCode: number | null = null
    let board: CreatedBoard
    let live: StoredBytes
    let writerState: Uint8Array
    try {
      board = await createBoard(server.url, 'bench')
      const writer = connectClient(server.url, board.id, board.tokens.editor)
      const observer = connectClient(server.url, board.id, board.tokens.editor)
      try {
        await Promise.all([writer.synced({ timeoutMs: 30_000 }), observer.synced({ timeoutMs: 30_000 })])
        const random = createRandom(42) // seeded: every run makes the same edits
        const fields = writer.doc.getMap('fields')
        const notes = writer.doc.getText('notes')
        for (let i = 0; i < edits; i++) {
          if (i % 10 === 9) {
            if (notes.length > 400 && random.bool(0.4)) {
              notes.delete(random.int(0, notes.length - 11), random.int(1, 8))
            } else {
              notes.insert(random.int(0, notes.length), `${random.pick(WORDS)} `)
            }
          } else {
            fields.set(`key${i % KEYS}`, { value: random.int(0, 999_999), by: 'bench', edit: i })
          }
          // Bursts of edits, as a person dragging or typing produces, with the socket flushed between them.
          if (i % 25 === 24) await delay(1)
        }
        const deadline = performance.now() + 120_000
        while (!sameState(writer.doc, observer.doc) && performance.now() < deadline) await delay(20)
        if (!sameState(writer.doc, observer.doc)) problems.push('the observer never received every edit')
        else if (!sameContent(writer.doc, observer.doc)) problems.push('the observer converged to different content')
        live = await readStorage(file, (storage) => storedBytes(storage, board.id))
        writerState = Y.encodeStateAsUpdate(writer.doc)
      } finally {
        writer.destroy()
        observer.destroy()
      }
    } finally {
      shutdownExitCode = await stop(server)
      if (shutdownExitCode !== 0) problems.push(`server exited with ${shutdownExitCode} on SIGTERM: ${server.output()}`)
    }
    const fileBytes = fileSize(file) + fileSize(`${file}-wal`)
    const [afterShutdown, stored] = await readStorage(file, (storage) =>
      Promise.all([storedBytes(storage, board.id), storage.loadDoc(board.id)]),
    )
    const restored = docFrom([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])
    const writerDoc = docFrom([writerState])
    if (!sameState(restored, writerDoc)) problems.push('the stored document lacks edits the client made')
    else if (!sameContent(restored, writerDoc)) problems.push('the stored document restores to different content')
    return {
      edits,
      live,
      afterShutdown,
      stateBytes: writerState.byteLength,
      fileBytes,
      shutdownExitCode,
      problems,
      elapsedMs: performance.now() - started,
    }
  } finally {
    removeTempDir(dataDir)
  }
}
