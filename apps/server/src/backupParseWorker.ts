import { parentPort, workerData } from 'node:worker_threads'
import { parseBackup } from './boardBackup.ts'

// Runs in a worker thread with a bounded heap (see parseBackupOffThread): a hostile file costs this thread, not
// the server's.
parentPort!.postMessage(parseBackup(new Uint8Array(workerData as ArrayBuffer)))
