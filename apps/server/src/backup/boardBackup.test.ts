import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup, type BackupLimits } from './boardBackup.ts'

const LIMITS: BackupLimits = {
  maxBackupBytes: 200 * 1024 * 1024,
  maxBoardBytes: 1024 * 1024,
  maxAssetBytes: 1024 * 1024,
  maxBoardFilesBytes: 4 * 1024 * 1024,
}
const bytes = (text: string) => new TextEncoder().encode(text)

describe('parseBackup', () => {
  it('refuses nesting, value counts and strings no backup has, before parsing', () => {
    expect(parseBackup(bytes('['.repeat(40_000_000)), LIMITS)).toMatchObject({ ok: false, reason: 'too-complex' })
    expect(parseBackup(bytes(`[${'[],'.repeat(2_000_000)}[]]`), LIMITS)).toMatchObject({
      ok: false,
      reason: 'too-complex',
    })
    expect(parseBackup(bytes(`"${'A'.repeat(4 * 1024 * 1024)}"`), LIMITS)).toMatchObject({
      ok: false,
      reason: 'too-complex',
    })
  })

  it('tells a file that is not a backup from one that is too complex', () => {
    expect(parseBackup(bytes('{"hello": "world"}'), LIMITS)).toMatchObject({ ok: false, reason: 'not-a-backup' })
    expect(parseBackup(bytes('{"format": '), LIMITS)).toMatchObject({ ok: false, reason: 'not-a-backup' })
  })

  it('refuses a well-formed backup whose board claims more content than a board may hold', () => {
    const backupOf = (state: Uint8Array) => {
      const base64 = (update: Uint8Array) => Buffer.from(update).toString('base64')
      const payload = {
        board: {
          id: 'b',
          title: 'Vision',
          createdAt: 1,
          doc: base64(state),
          assets: [],
          workshop: base64(Y.encodeStateAsUpdate(new Y.Doc())),
        },
        breakouts: [],
      }
      const sha256 = createHash('sha256').update(JSON.stringify(payload)).digest('hex')
      return bytes(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: '', sha256, payload }))
    }
    expect(parseBackup(backupOf(claimedRun(1_000)), LIMITS)).toMatchObject({ ok: true })
    expect(parseBackup(backupOf(claimedRun(2 ** 40)), LIMITS)).toMatchObject({ ok: false, reason: 'too-complex' })
  })
})

/** One struct claiming `length` deleted values, as a few bytes of Yjs update (see recordIndex.test.ts). */
function claimedRun(length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const n of [1, 1, 99, 0]) encoding.writeVarUint(encoder, n)
  encoding.writeUint8(encoder, 1)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarString(encoder, 'tl_records')
  encoding.writeVarUint(encoder, length)
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}
