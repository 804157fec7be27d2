import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { ImportedBoard } from '@cg/storage'
import type { BackupLimits, BackupRefusal } from './boardBackup.ts'

const CHECK_PROCESS = fileURLToPath(new URL('./backupCheckProcess.ts', import.meta.url))
const MiB = 1024 * 1024
const PAGE_BYTES = 4096
const WATCH_EVERY_MS = 200
/** How much lower than the server's the checking process's CPU priority is (`nice`). */
const CHECK_NICENESS = 10

export type BackupCheckRefusal = BackupRefusal | 'too-large' | 'files-full'

export type BackupCheckResult =
  { ok: true; boards: ImportedBoard[] } | { ok: false; refusal: BackupCheckRefusal; detail: string }

/** What checking a file of `bytes` may use: the child's heap, its whole memory, and its time once the file is in. */
export function checkBounds(bytes: number): { heapMb: number; rssBytes: number; deadlineMs: number } {
  const mib = bytes / MiB
  // A real backup needs a few times its size (its text, the parsed strings, decoded states and files).
  return {
    heapMb: Math.min(4096, Math.ceil(256 + 6 * mib)),
    rssBytes: 512 * MiB + 8 * bytes,
    deadlineMs: 30_000 + 1_000 * mib,
  }
}

/** The resident memory of a process, or undefined where /proc cannot tell (the deadline still holds there). */
function residentBytes(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES
  } catch {
    return undefined
  }
}

/** How long a process started ahead for the next restore waits for one before it is let go. */
const SPARE_IDLE_MS = 10 * 60_000

/**
 * Checks backup files, each in a child process of its own (backupCheckProcess.ts), fed the file as it arrives.
 * The child's heap is bounded, and it is killed past its memory bound or its deadline: a hostile file ends that
 * process, never the server's (a worker thread's heap limit is not a wall: V8 ended the whole server when one
 * reached it). A process takes a second or two to start, so once restores happen one is kept started ahead,
 * for a while.
 */
export class BackupChecker {
  private spare: ChildProcess | null = null
  private spareTimer: NodeJS.Timeout | undefined
  private closed = false
  private readonly limits: BackupLimits

  constructor(limits: BackupLimits) {
    // Only the limits: the server's configuration holds secrets that must not show in a process list.
    const { maxBackupBytes, maxBoardBytes, maxAssetBytes, maxBoardFilesBytes } = limits
    this.limits = { maxBackupBytes, maxBoardBytes, maxAssetBytes, maxBoardFilesBytes }
  }

  /**
   * Checks the file `body` brings (about `expectedBytes`): resolves with the workshop ready to store, or why it
   * is refused; `stop` ends it early (the sender went away).
   */
  check(body: Readable, expectedBytes: number): { result: Promise<BackupCheckResult>; stop: () => void } {
    const child = this.takeChild()
    const bounds = checkBounds(Math.min(expectedBytes, this.limits.maxBackupBytes))
    let settle!: (result: BackupCheckResult) => void
    let fail!: (error: Error) => void
    const result = new Promise<BackupCheckResult>((resolve, reject) => {
      settle = resolve
      fail = reject
    })
    let deadline: NodeJS.Timeout | undefined
    const refuse = (detail: string) => settle({ ok: false, refusal: 'too-complex', detail })
    const stop = () => {
      clearInterval(watch)
      clearTimeout(deadline)
      body.off('data', forward)
      body.off('end', ended)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    const watch = setInterval(() => {
      const resident = child.pid === undefined ? undefined : residentBytes(child.pid)
      if (resident !== undefined && resident > bounds.rssBytes) {
        refuse('The file needs more memory to read than a backup of its size.')
        stop()
      }
    }, WATCH_EVERY_MS)
    const forward = (chunk: Buffer) => {
      if (!child.stdin!.write(chunk)) {
        body.pause()
        child.stdin!.once('drain', () => body.resume())
      }
    }
    const ended = () => {
      child.stdin!.end()
      deadline = setTimeout(() => {
        refuse('The file takes longer to read than a backup of its size.')
        stop()
      }, bounds.deadlineMs)
    }
    body.on('data', forward)
    body.on('end', ended)
    child.once('message', (message: BackupCheckResult) => {
      settle(message)
      stop()
    })
    // After 'message': a child that answered has already settled the result.
    child.once('close', () => {
      refuse('The file could not be read within the memory and time a backup may use.')
      stop()
    })
    child.once('error', (error) => {
      fail(error)
      stop()
    })
    return { result, stop }
  }

  /** Lets go of the process started ahead, and starts no more. */
  close(): void {
    this.closed = true
    this.dropSpare()
  }

  private dropSpare(): void {
    clearTimeout(this.spareTimer)
    this.spare?.kill('SIGKILL')
    this.spare = null
  }

  /** The process started ahead if it is still there, else a new one; and another is started for next time. */
  private takeChild(): ChildProcess {
    const spare = this.spare
    this.spare = null
    clearTimeout(this.spareTimer)
    const child = spare && spare.exitCode === null && spare.signalCode === null ? spare : this.fork()
    // Checking may start while the next one loads: both are mostly waiting for the network.
    setImmediate(() => {
      if (this.closed || this.spare) return
      this.spare = this.fork()
      this.spareTimer = setTimeout(() => this.dropSpare(), SPARE_IDLE_MS)
      this.spareTimer.unref()
    })
    return child
  }

  private fork(): ChildProcess {
    const child = fork(CHECK_PROCESS, [JSON.stringify(this.limits)], {
      // The heap a file of the largest size may need; the memory watch holds each file to its own size's bound.
      execArgv: [`--max-old-space-size=${checkBounds(this.limits.maxBackupBytes).heapMb}`],
      serialization: 'advanced',
      // V8's own report of a child that ran out of memory goes to the server's log; it holds no content.
      stdio: ['pipe', 'ignore', 'inherit', 'ipc'],
    })
    // The child stops reading once it has refused the file; what is still arriving goes nowhere.
    child.stdin!.on('error', () => {})
    child.on('error', () => {})
    // Checking a file, or just starting up, must not take the CPU from the server's own work: a lower priority.
    try {
      if (child.pid !== undefined) setPriority(child.pid, Math.min(19, getPriority() + CHECK_NICENESS))
    } catch {
      // Not allowed here: it runs at the server's priority.
    }
    // A process started ahead must not keep the server running, nor a test's process.
    child.unref()
    child.channel?.unref()
    return child
  }
}
