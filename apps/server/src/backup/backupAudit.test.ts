import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup, prepareRestore, type BackupLimits } from './boardBackup.ts'
import { MAX_BACKUP_AUDIT_ENTRIES } from './backupAudit.ts'

const LIMITS: BackupLimits = {
  maxBackupBytes: 200 * 1024 * 1024,
  maxBoardBytes: 1024 * 1024,
  maxAssetBytes: 1024 * 1024,
  maxBoardFilesBytes: 4 * 1024 * 1024,
}
const emptyState = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64')
const board = (id: string) => ({ id, title: `Board ${id}`, createdAt: 1, doc: emptyState, assets: [] })

/** A backup file of a plenary `p` with a breakout `b`, carrying `audit` (left out when undefined). */
function backupFile(audit: unknown, version = BACKUP_VERSION): Uint8Array {
  const payload = {
    board: { ...board('p'), workshop: emptyState },
    breakouts: [board('b')],
    ...(audit === undefined ? {} : { audit }),
  }
  const sha256 = createHash('sha256').update(JSON.stringify(payload)).digest('hex')
  return Buffer.from(JSON.stringify({ format: BACKUP_FORMAT, version, exportedAt: '', sha256, payload }))
}

const entry = (n: number, fields: Record<string, unknown> = {}) => ({
  id: `${(1_000 + n).toString(36).padStart(10, '0')}-${n.toString(16).padStart(12, '0')}`,
  at: 1_000 + n,
  boardId: 'b',
  kind: 'joined',
  name: 'مريم',
  role: 'editor',
  detail: null,
  ...fields,
})

describe('a backup’s audit log', () => {
  it('is restored with each entry on the new id of its board', async () => {
    const log = [entry(1), entry(2, { boardId: 'p', kind: 'exported', name: null, role: 'viewer', detail: 'pdf' })]
    const parsed = parseBackup(backupFile(log), LIMITS)
    if (!parsed.ok) throw new Error(parsed.detail)
    const [plenary, breakout] = await prepareRestore(parsed.payload, 5_000)
    expect(plenary!.audit).toEqual([
      { ...log[0], boardId: breakout!.board.id },
      { ...log[1], boardId: plenary!.board.id },
    ])
    expect(breakout!.audit).toBeUndefined()
  })

  it('may be absent: a backup made before the log (version 1), or with none, restores with an empty log', async () => {
    for (const file of [backupFile(undefined, 1), backupFile(undefined)]) {
      const parsed = parseBackup(file, LIMITS)
      if (!parsed.ok) throw new Error(parsed.detail)
      expect((await prepareRestore(parsed.payload))[0]!.audit).toEqual([])
    }
  })

  it('is refused, with nothing restored, when it is not what this server writes', () => {
    const damaged = (audit: unknown) => expect(parseBackup(backupFile(audit), LIMITS)).toMatchObject({ ok: false })
    damaged('a log')
    damaged([{ ...entry(1), at: 'yesterday' }])
    damaged([{ ...entry(1), name: { first: 'Mariam' } }])
    damaged([{ ...entry(1), name: 'x'.repeat(201) }])
    damaged([{ ...entry(1), role: 'owner' }])
    damaged([{ ...entry(1), kind: 'deleted-everything' }])
    damaged([{ ...entry(1), id: '../../etc' }])
    damaged([{ ...entry(1), detail: 'x'.repeat(100_000) }])
    expect(parseBackup(backupFile([entry(1), entry(1)]), LIMITS)).toMatchObject({
      ok: false,
      reason: 'damaged',
      detail: expect.stringMatching(/twice/),
    })
    expect(parseBackup(backupFile([entry(1, { boardId: 'elsewhere' })]), LIMITS)).toMatchObject({
      ok: false,
      reason: 'damaged',
      detail: expect.stringMatching(/board that is not in it/),
    })
  })

  it('is refused when longer than any server writes, and kept when as long as one may', () => {
    const log = Array.from({ length: MAX_BACKUP_AUDIT_ENTRIES }, (_, n) => entry(n))
    expect(parseBackup(backupFile(log), LIMITS)).toMatchObject({ ok: true })
    expect(parseBackup(backupFile([...log, entry(MAX_BACKUP_AUDIT_ENTRIES)]), LIMITS)).toMatchObject({
      ok: false,
      reason: 'damaged',
    })
    // Far longer: refused as the bytes arrive, before anything is parsed.
    const huge = Array.from({ length: 2 * MAX_BACKUP_AUDIT_ENTRIES }, (_, n) => entry(n))
    expect(parseBackup(backupFile(huge), LIMITS)).toMatchObject({ ok: false, reason: 'too-complex' })
  })
})
