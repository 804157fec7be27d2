/** The locks of each database file, whichever SqliteStorage of this process holds them (see withLock). */
const locksByFile = new Map<string, Map<string, Promise<void>>>()

/**
 * Named locks for one file. One process owns the file: a queue per name, shared by every storage opened on it here,
 * is the lock.
 */
export class FileLocks {
  private readonly locks: Map<string, Promise<void>>

  constructor(file: string) {
    this.locks = locksByFile.get(file) ?? new Map()
    locksByFile.set(file, this.locks)
  }

  /** Runs `work` once every earlier holder of `name` has finished (failed or not). */
  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(name) ?? Promise.resolve()).then(work)
    const settled = run.then(
      () => {},
      () => {},
    )
    this.locks.set(name, settled)
    void settled.then(() => {
      if (this.locks.get(name) === settled) this.locks.delete(name)
    })
    return run
  }
}
