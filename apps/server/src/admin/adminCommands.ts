import { resolve } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { AuditKind, type DeleteBoardResult } from '@cg/contract'
import { SqliteStorage, type BoardRecord, type Storage } from '@cg/storage'
import type { AuditTrail } from '../audit/auditTrail.ts'
import type { WorkshopDeletion } from '../boards/workshopDeletion.ts'
import { boardsTable, utcMinute } from './boardsTable.ts'

/** What every command works with: the server's own storage and deletion, and where it writes. */
export interface AdminContext {
  storage: Storage
  deletion: WorkshopDeletion
  audit: AuditTrail
  /** Whether running servers hear of a deletion at once (Redis) or at their next sweep. */
  serversToldAtOnce: boolean
  purgeSweepMs: number
  /** The directory a relative file name is read from (where the operator typed the command). */
  cwd: string
  print(text: string): void
}

/** A refusal the operator can act on: printed as it is, with a non-zero exit. */
export class AdminError extends Error {}

const quoted = (board: BoardRecord) => `${board.id} ("${board.title.replace(/\p{Cc}/gu, ' ')}")`

export async function listBoards(context: AdminContext): Promise<void> {
  context.print(boardsTable(await context.storage.listWorkshops()))
}

/** A workshop's plenary board by its id, or an AdminError saying why not. */
async function plenaryOf(context: AdminContext, id: string): Promise<BoardRecord> {
  const board = await context.storage.getBoard(id)
  if (!board) throw new AdminError(`No board ${id} on this server (see: npm run admin -- boards).`)
  if (board.parentId) {
    throw new AdminError(
      `${id} is a breakout board: it is deleted with its workshop. Delete the plenary board ${board.parentId}.`,
    )
  }
  return board
}

/** To the trash, as its facilitator's deletion does (`now`: purged at once, everywhere). */
export async function deleteBoard(context: AdminContext, id: string, { now }: { now: boolean }): Promise<void> {
  const board = await plenaryOf(context, id)
  const { deletion } = await context.deletion.trash(board.id)
  if (!board.deletion) await context.audit.record(board.id, { kind: AuditKind.deletionScheduled, detail: 'operator' })
  const closing = context.serversToldAtOnce
    ? 'Running servers closed its connections.'
    : `Running servers close its connections within ${seconds(context.purgeSweepMs)} (their next sweep; no REDIS_URL).`
  if (!now) {
    context.print(
      `${quoted(board)} is in the trash: no link opens it but its facilitator's, which can undo until ` +
        `${utcMinute(Date.parse(deletion!.purgeAt))}, when it is purged. ${closing}\n`,
    )
    return
  }
  const [purged] = await purgeAll(context, [board.id])
  if (!purged) throw new AdminError(`${quoted(board)} could not be purged: it was taken out of the trash meanwhile.`)
  context.print(`${quoted(board)} is purged, with everything of its workshop.\n`)
}

/** Purges every workshop in the trash, now. */
export async function purgeTrash(context: AdminContext): Promise<void> {
  const inTrash = (await context.storage.listWorkshops()).filter((workshop) => workshop.board.deletion)
  if (inTrash.length === 0) {
    context.print('The trash is empty.\n')
    return
  }
  const purged = await purgeAll(
    context,
    inTrash.map((workshop) => workshop.board.id),
  )
  const count = purged.filter(Boolean).length
  context.print(`Purged ${count} workshop${count === 1 ? '' : 's'} from the trash.\n`)
  const kept = inTrash.length - count
  if (kept > 0) context.print(`${kept} taken out of the trash meanwhile, and kept.\n`)
}

/**
 * Purges workshops in the trash, each as `DELETE ?purge=now` does. Servers not told at once (no Redis) may still
 * hold a workshop's rooms until their next sweep, and a room they hold could write it back after a purge: its purge
 * then waits for two of their sweeps (whichever server's sweep purges it first). Says which were purged.
 */
async function purgeAll(context: AdminContext, plenaryIds: readonly string[]): Promise<boolean[]> {
  const results: DeleteBoardResult[] = []
  for (const id of plenaryIds) results.push(await context.deletion.purgeNow(id))
  const waiting = results.flatMap((result) => (result.deletion ? [Date.parse(result.deletion.purgeAt)] : []))
  if (waiting.length > 0) {
    const waitMs = Math.max(0, Math.max(...waiting) - Date.now())
    context.print(`Waiting ${seconds(waitMs)} for running servers to close what they hold (no REDIS_URL)…\n`)
    await delay(waitMs)
  }
  const purged: boolean[] = []
  for (const [index, id] of plenaryIds.entries()) {
    if (results[index]!.purged) purged.push(true)
    // Purged here, or by a server's sweep meanwhile; still there without a deletion: taken out of the trash.
    else purged.push((await context.deletion.purgeIfDue(id)) || !(await context.storage.getBoard(id)))
  }
  return purged
}

/** Why `backup` does not copy a PostgreSQL database, and what does. */
export const PG_DUMP_ADVICE =
  'This server stores its boards in PostgreSQL (DATABASE_URL): back it up with pg_dump, e.g.\n' +
  '  pg_dump --format=custom --file=common-ground.dump "$DATABASE_URL"'

/** A consistent copy of the whole SQLite store while servers run; PostgreSQL has its own tools. */
export async function backup(context: AdminContext, file: string): Promise<void> {
  if (!(context.storage instanceof SqliteStorage)) throw new AdminError(PG_DUMP_ADVICE)
  const target = resolve(context.cwd, file)
  try {
    await context.storage.backupTo(target)
  } catch (error) {
    throw new AdminError(`Could not write the backup: ${(error as Error).message}`)
  }
  context.print(`Wrote ${target}: a copy of every board, as it was when the backup began.\n`)
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`
