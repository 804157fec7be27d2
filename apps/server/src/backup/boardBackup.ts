import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { z } from 'zod'
import { roomName } from '@cg/contract'
import type { BoardRecord, ImportedBoard, Storage } from '@cg/storage'
import { addedLength, type SyncServer } from '@cg/sync-server'
import { issueAccess, type RoleTokens } from '../auth/boardAccess.ts'
import { newRandomId } from '../boards/boardIds.ts'
import { JsonBoundsCheck, type JsonLimits } from './jsonBounds.ts'
import { checkMedia } from '../boards/mediaCheck.ts'
import {
  auditForBackup,
  auditProblem,
  BackupAudit,
  JSON_TOKENS_PER_AUDIT_ENTRY,
  MAX_BACKUP_AUDIT_ENTRIES,
  restoredAudit,
} from './backupAudit.ts'
import { rehomeAssets, rehomeWorkshop } from './rehomeBoards.ts'

/*
 * A board backup is one JSON file: the Yjs state of every room of a workshop (the plenary board, its workshop
 * state, each breakout board) with its files, titles and dates, under a format name and version, and a SHA-256
 * of the payload so a truncated or edited file is refused before anything is stored. Links are not in it: a
 * restored board gets new ones. Private drafts are not in it: they belong to their authors. From version 2 it
 * carries the workshop's audit log (backupAudit.ts); a file of version 1 still restores, with an empty log, and a
 * server older than the log refuses a file of version 2 rather than lose its log.
 */
export const BACKUP_FORMAT = 'common-ground-board-backup'
export const BACKUP_VERSION = 2

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)

const BackupBoard = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  createdAt: z.number(),
  /** The board's own document. */
  doc: base64,
  assets: z.array(z.object({ id: z.string().min(1).max(64), mimeType: z.string().max(100), data: base64 })),
})

const Payload = z.object({
  board: BackupBoard.extend({ workshop: base64 }),
  breakouts: z.array(BackupBoard).max(50),
  audit: BackupAudit.optional(),
})
type Payload = z.infer<typeof Payload>

const BackupFile = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  payload: z.unknown(),
})

const digest = (payload: unknown) => createHash('sha256').update(JSON.stringify(payload)).digest('hex')
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'))

/** The current state of a room (loaded, or read from storage), with everything received so far stored. */
async function stateOf(sync: SyncServer, name: string): Promise<Uint8Array> {
  return sync.withRoom(name, async (room) => {
    await room.flush()
    return Y.encodeStateAsUpdate(room.doc)
  })
}

async function backupBoard(storage: Storage, sync: SyncServer, board: BoardRecord) {
  // The document first: a file uploaded meanwhile is then in the backup even if nothing points at it yet.
  const doc = toBase64(await stateOf(sync, board.id))
  const assets = await storage.listAssets(board.id)
  return {
    id: board.id,
    title: board.title,
    createdAt: board.createdAt,
    doc,
    assets: assets.map((asset) => ({ id: asset.id, mimeType: asset.mimeType, data: toBase64(asset.data) })),
  }
}

/** The backup of a plenary board and everything of its workshop, as the bytes of the file. */
export async function exportBackup(storage: Storage, sync: SyncServer, plenary: BoardRecord): Promise<Buffer> {
  const payload: Payload = {
    board: {
      ...(await backupBoard(storage, sync, plenary)),
      workshop: toBase64(await stateOf(sync, roomName({ channel: 'facilitation', boardId: plenary.id }))),
    },
    breakouts: await Promise.all((await storage.listChildBoards(plenary.id)).map((b) => backupBoard(storage, sync, b))),
    // Last: what happened while the boards were read is in it.
    audit: await auditForBackup(storage, plenary.id),
  }
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    sha256: digest(payload),
    payload,
  }
  return Buffer.from(JSON.stringify(file))
}

export type BackupRefusal = 'not-a-backup' | 'newer-version' | 'damaged' | 'too-complex'

export type ParsedBackup = { ok: true; payload: Payload } | { ok: false; reason: BackupRefusal; detail: string }

/** What this server keeps, which bounds what a backup of it can hold. */
export interface BackupLimits {
  maxBackupBytes: number
  maxBoardBytes: number
  maxAssetBytes: number
  maxBoardFilesBytes: number
}

/**
 * The shape any backup of this server fits: it nests five levels deep, holds a few values per board and file and
 * per entry of its log, and its longest text is a board's state or a file in base64 (a board's, counted with room
 * to spare for one that grew before its server's limit was lowered).
 */
export function backupJsonLimits(limits: BackupLimits): JsonLimits {
  const largestBinary = Math.max(2 * limits.maxBoardBytes, limits.maxAssetBytes)
  const maxTokens = 1_000_000 + MAX_BACKUP_AUDIT_ENTRIES * JSON_TOKENS_PER_AUDIT_ENTRY
  return { maxDepth: 16, maxTokens, maxStringBytes: Math.ceil(largestBinary / 3) * 4 + 1024 }
}

/**
 * The most content one board's state may claim, deleted runs included: far more than any real board's history
 * (each value and character ever written counts once), far less than what would overflow Yjs' clocks.
 */
export function maxStateLength(limits: BackupLimits): number {
  return 16 * limits.maxBoardBytes
}

const tooComplex = (detail: string): ParsedBackup => ({ ok: false, reason: 'too-complex', detail })

/** Checks a file completely before anything is stored: shape, version, checksum, and that every state applies. */
export function parseBackup(bytes: Uint8Array, limits: BackupLimits): ParsedBackup {
  if (bytes.byteLength > limits.maxBackupBytes) return tooComplex('The file is larger than a backup may be.')
  const breach = new JsonBoundsCheck(backupJsonLimits(limits)).push(bytes)
  if (breach) return tooComplex(`The file holds more than any board backup could (${breach}).`)
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    return { ok: false, reason: 'not-a-backup', detail: 'The file is not a board backup, or it was cut short.' }
  }
  const file = BackupFile.safeParse(json)
  if (!file.success) {
    return { ok: false, reason: 'not-a-backup', detail: 'The file is not a Common Ground board backup.' }
  }
  if (file.data.version > BACKUP_VERSION) {
    return {
      ok: false,
      reason: 'newer-version',
      detail: `The backup was made by a newer version (format ${file.data.version}); update this server first.`,
    }
  }
  if (digest(file.data.payload) !== file.data.sha256) {
    return { ok: false, reason: 'damaged', detail: 'The backup is damaged: its checksum does not match its content.' }
  }
  const payload = Payload.safeParse(file.data.payload)
  if (!payload.success) {
    return {
      ok: false,
      reason: 'damaged',
      detail: 'The backup is damaged: its content does not have the expected shape.',
    }
  }
  const boardIds = [payload.data.board, ...payload.data.breakouts].map((board) => board.id)
  if (new Set(boardIds).size !== boardIds.length) {
    return { ok: false, reason: 'damaged', detail: 'The backup is damaged: a board appears twice in it.' }
  }
  const logProblem = auditProblem(payload.data.audit ?? [], boardIds)
  if (logProblem) return { ok: false, reason: 'damaged', detail: `The backup is damaged: ${logProblem}.` }
  for (const board of [payload.data.board, ...payload.data.breakouts]) {
    if (new Set(board.assets.map((asset) => asset.id)).size !== board.assets.length) {
      return { ok: false, reason: 'damaged', detail: 'The backup is damaged: a file appears twice in it.' }
    }
  }
  for (const state of [
    payload.data.board.doc,
    payload.data.board.workshop,
    ...payload.data.breakouts.map((b) => b.doc),
  ]) {
    const bytes = fromBase64(state)
    let claimed: number
    try {
      claimed = addedLength(new Y.Doc(), Y.decodeUpdate(bytes))
    } catch {
      return { ok: false, reason: 'damaged', detail: 'The backup is damaged: a board in it cannot be read.' }
    }
    // A state can claim runs of any length in a few bytes; a board built from one would be unusable for all.
    if (claimed > maxStateLength(limits))
      return tooComplex('A board in the backup claims more content than a board may hold.')
    try {
      Y.applyUpdate(new Y.Doc(), bytes)
    } catch {
      return { ok: false, reason: 'damaged', detail: 'The backup is damaged: a board in it cannot be read.' }
    }
  }
  return { ok: true, payload: payload.data }
}

/**
 * A restored file is stored only if it decodes as an image or video type uploads accept, whatever the backup
 * claims: a crafted backup must not plant a page, a script or a disguised payload under our origin.
 */
async function checkedAsset(asset: {
  mimeType: string
  data: string
}): Promise<{ mimeType: string; data: Uint8Array } | null> {
  const data = fromBase64(asset.data)
  const checked = await checkMedia(data)
  return checked.ok ? { mimeType: checked.mimeType, data } : null
}

/** The board of a backup whose files together exceed `maxBytes`, if one does. */
export function boardOverFilesQuota(payload: Payload, maxBytes: number): string | undefined {
  return [payload.board, ...payload.breakouts].find(
    (board) => board.assets.reduce((sum, asset) => sum + Buffer.byteLength(asset.data, 'base64'), 0) > maxBytes,
  )?.title
}

/**
 * A checked backup as the boards of a new workshop (new ids, files decoded and checked, addresses moved), the
 * plenary board first, ready to store. The work a hostile file could make expensive happens here, so it runs
 * where its failure is not the server's (see backupCheck.ts).
 */
export async function prepareRestore(payload: Payload, now = Date.now()): Promise<ImportedBoard[]> {
  const ids = new Map([payload.board, ...payload.breakouts].map((b) => [b.id, newRandomId()]))
  const plenaryId = ids.get(payload.board.id)!
  const imported = async (source: z.infer<typeof BackupBoard>, parentId: string | null): Promise<ImportedBoard> => {
    const id = ids.get(source.id)!
    const assets: ImportedBoard['assets'] = []
    for (const asset of source.assets) {
      const checked = await checkedAsset(asset)
      if (checked) assets.push({ boardId: id, id: asset.id, ...checked, createdAt: now })
    }
    return {
      board: { id, title: source.title, createdAt: parentId ? source.createdAt : now, parentId },
      docs: [{ name: id, state: rehomeAssets(fromBase64(source.doc), ids) }],
      assets,
    }
  }
  const plenary = await imported(payload.board, null)
  plenary.audit = restoredAudit(payload.audit ?? [], ids)
  plenary.docs.push({
    name: roomName({ channel: 'facilitation', boardId: plenaryId }),
    state: rehomeWorkshop(fromBase64(payload.board.workshop), ids),
  })
  const breakouts = await Promise.all(payload.breakouts.map((breakout) => imported(breakout, plenaryId)))
  return [plenary, ...breakouts]
}

/** Stores prepared boards (see prepareRestore) as a new workshop with new links, in one transaction. */
export async function storeRestored(
  storage: Storage,
  boards: readonly ImportedBoard[],
): Promise<{ board: BoardRecord; tokens: RoleTokens }> {
  const [plenary, ...breakouts] = boards
  const { access, tokens } = issueAccess()
  await storage.importBoards([{ ...plenary!, access }, ...breakouts])
  return { board: plenary!.board, tokens }
}
