import { setTimeout as delay } from 'node:timers/promises'

export interface WaitOptions {
  /** Generous by default: these waits are about "eventually", never about speed. */
  timeoutMs?: number
  intervalMs?: number
}

/**
 * Polls `condition` until it holds. Fails with `what` in the message when it never does, so a timeout reads
 * like the broken expectation ("waiting until bob sees alice's edit").
 */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 10 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`)
    await delay(intervalMs)
  }
}

/** Resolves with the first emission of `event` (for one-shot events such as a socket's close). */
export function nextEvent<T extends unknown[]>(
  emitter: { once(event: string, listener: (...args: T) => void): unknown },
  event: string,
  { timeoutMs = 20_000 }: WaitOptions = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for '${event}'`)),
      timeoutMs,
    )
    emitter.once(event, (...args: T) => {
      clearTimeout(timer)
      resolve(args)
    })
  })
}
