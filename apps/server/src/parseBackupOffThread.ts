import { Worker } from 'node:worker_threads'
import type { ParsedBackup } from './boardBackup.ts'

const MiB = 1024 * 1024

/**
 * Parses and checks a backup file in a worker thread whose heap is bounded by the file's size: a file that
 * needs more (deeply nested arrays, say) ends that worker, not the server, and every board keeps being served
 * while a big one is read.
 */
export function parseBackupOffThread(bytes: Uint8Array): Promise<ParsedBackup> {
  // A real backup needs a few times its size to parse (JSON text, objects, decoded states); never less than 128 MiB.
  const heapMb = Math.min(4096, Math.max(128, Math.ceil((bytes.byteLength * 6) / MiB)))
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./backupParseWorker.ts', import.meta.url), {
      workerData: buffer,
      transferList: [buffer],
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
    })
    let settled = false
    const refuse = () =>
      resolve({
        ok: false,
        reason: 'not-a-backup',
        detail: 'The file could not be read as a board backup within the memory it may use.',
      })
    worker.once('message', (parsed: ParsedBackup) => {
      settled = true
      resolve(parsed)
      void worker.terminate()
    })
    worker.once('error', () => {
      if (!settled) refuse()
      settled = true
    })
    worker.once('exit', () => {
      if (!settled) refuse()
      settled = true
    })
  })
}
