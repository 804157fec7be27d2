import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { setTimeout as delay } from 'node:timers/promises'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createBoard, startOurServer, stop } from './servers.ts'

export interface StoredBytes {
  updateRows: number
  updateBytes: number
  snapshotBytes: number
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

/** Deterministic PRNG so every run makes the same edits. */
function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function connect(wsBase: string, room: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return { doc, provider }
}

function synced(provider: WebsocketProvider, timeoutMs = 30_000): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sync timeout')), timeoutMs)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Stored bytes for one document, read through a separate read-only connection (safe while the server runs: WAL). */
function readStored(file: string, docName: string): StoredBytes {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const row = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM doc_updates WHERE doc_name = ?1) AS updateRows,
                (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE doc_name = ?1) AS updateBytes,
                (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_snapshots WHERE doc_name = ?1) AS snapshotBytes`,
      )
      .get(docName) as { updateRows: number; updateBytes: number; snapshotBytes: number }
    return { ...row, total: row.updateBytes + row.snapshotBytes }
  } finally {
    db.close()
  }
}

/** Rebuilds the document from what is stored, the way the server loads it. */
function restoreStored(file: string, docName: string): Y.Doc {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const doc = new Y.Doc()
    const snapshot = db.prepare('SELECT data FROM doc_snapshots WHERE doc_name = ?').get(docName) as
      { data: Uint8Array } | undefined
    const updates = db.prepare('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY seq').all(docName) as {
      data: Uint8Array
    }[]
    Y.transact(doc, () => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data)
      for (const { data } of updates) Y.applyUpdate(doc, data)
    })
    return doc
  } finally {
    db.close()
  }
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
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-bench-storage-'))
  const file = join(dataDir, 'boards.sqlite')
  const problems: string[] = []
  try {
    const server = await startOurServer(dataDir)
    let shutdownExitCode: number | null = null
    let board: string
    let live: StoredBytes
    let stateBytes: number
    let writerDoc: Y.Doc
    try {
      board = await createBoard(server)
      const w = connect(server.wsBase, board)
      const observer = connect(server.wsBase, board)
      writerDoc = w.doc
      try {
        await Promise.all([synced(w.provider), synced(observer.provider)])
        const random = mulberry32(42)
        const fields = w.doc.getMap('fields')
        const notes = w.doc.getText('notes')
        for (let i = 0; i < edits; i++) {
          if (i % 10 === 9) {
            if (notes.length > 400 && random() < 0.4) {
              const at = Math.floor(random() * (notes.length - 10))
              notes.delete(at, 1 + Math.floor(random() * 8))
            } else {
              const at = Math.floor(random() * (notes.length + 1))
              notes.insert(at, `${WORDS[Math.floor(random() * WORDS.length)]} `)
            }
          } else {
            fields.set(`key${i % KEYS}`, { value: Math.floor(random() * 1e6), by: 'bench', edit: i })
          }
          // Bursts of edits, as a person dragging or typing produces, with the socket flushed between them.
          if (i % 25 === 24) await delay(1)
        }
        const deadline = performance.now() + 120_000
        while (!sameState(w.doc, observer.doc) && performance.now() < deadline) await delay(20)
        if (!sameState(w.doc, observer.doc)) problems.push('the observer never received every edit')
        else if (!sameContent(w.doc, observer.doc)) problems.push('the observer converged to different content')
        live = readStored(file, board)
        stateBytes = Y.encodeStateAsUpdate(w.doc).byteLength
      } finally {
        w.provider.destroy()
        observer.provider.destroy()
        observer.doc.destroy()
      }
    } finally {
      shutdownExitCode = await stop(server)
      if (shutdownExitCode !== 0) problems.push(`server exited with ${shutdownExitCode} on SIGTERM: ${server.output()}`)
    }
    const afterShutdown = readStored(file, board)
    const restored = restoreStored(file, board)
    if (!sameState(restored, writerDoc)) problems.push('the stored document lacks edits the client made')
    else if (!sameContent(restored, writerDoc)) problems.push('the stored document restores to different content')
    const fileBytes = fileSize(file) + fileSize(`${file}-wal`)
    return {
      edits,
      live,
      afterShutdown,
      stateBytes,
      fileBytes,
      shutdownExitCode,
      problems,
      elapsedMs: performance.now() - started,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
