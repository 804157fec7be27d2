import type { BackupCheckRefusal, BackupCheckResult } from './backupCheck.ts'
import { backupJsonLimits, boardOverFilesQuota, parseBackup, prepareRestore, type BackupLimits } from './boardBackup.ts'
import { JsonBoundsCheck } from './jsonBounds.ts'

/*
 * A child process that reads one backup file from its standard input and answers, through the IPC channel, with
 * the workshop ready to store or the reason it is refused. It runs with a heap of its own and is killed on a
 * deadline or past a memory bound (see backupCheck.ts): whatever a hostile file makes it do, it is this process
 * that dies, not the server. The file's shape is checked as it streams in, so most hostile files are refused
 * after the bytes that prove it.
 */

function answer(result: BackupCheckResult): void {
  process.stdin.destroy()
  process.send!(result, () => process.exit(0))
}

function check(limits: BackupLimits): void {
  const scan = new JsonBoundsCheck(backupJsonLimits(limits))
  const chunks: Buffer[] = []
  let bytes = 0
  let answered = false
  const refuse = (refusal: BackupCheckRefusal, detail: string) => {
    answered = true
    answer({ ok: false, refusal, detail })
  }
  process.stdin.on('data', (chunk: Buffer) => {
    if (answered) return
    bytes += chunk.byteLength
    if (bytes > limits.maxBackupBytes) return refuse('too-large', 'The file is larger than a backup may be.')
    const breach = scan.push(chunk)
    if (breach) return refuse('too-complex', `The file holds more than any board backup could (${breach}).`)
    chunks.push(chunk)
  })
  process.stdin.on('end', () => {
    if (answered) return
    answered = true
    void finish(Buffer.concat(chunks), limits).then(answer, () =>
      answer({ ok: false, refusal: 'damaged', detail: 'The backup is damaged: it could not be restored.' }),
    )
  })
}

async function finish(file: Buffer, limits: BackupLimits): Promise<BackupCheckResult> {
  const parsed = parseBackup(file, limits)
  if (!parsed.ok) return { ok: false, refusal: parsed.reason, detail: parsed.detail }
  const overQuota = boardOverFilesQuota(parsed.payload, limits.maxBoardFilesBytes)
  if (overQuota !== undefined) {
    return {
      ok: false,
      refusal: 'files-full',
      detail: `The files of "${overQuota}" in this backup are more than this server keeps per board (MAX_BOARD_FILES_BYTES).`,
    }
  }
  return { ok: true, boards: await prepareRestore(parsed.payload) }
}

// Started ahead of need, it may wait a long time; once the server is gone (its channel closes) so is this.
process.on('disconnect', () => process.exit(0))
check(JSON.parse(process.argv[2]!) as BackupLimits)
