import { ApiRoutes, type ServerTime } from '@cg/contract'
import { clockOffset } from '@cg/facilitation'

/**
 * How far this computer's clock is from the server's. The shared timer is kept in server time, so a
 * participant whose clock is minutes off still sees the same countdown. Several samples, keeping the one
 * with the shortest round trip (the least distorted by a slow link).
 */
export async function measureClockOffset(samples = 3): Promise<number> {
  let best: { offsetMs: number; roundTripMs: number } | undefined
  for (let i = 0; i < samples; i++) {
    try {
      const sentAt = Date.now()
      const response = await fetch(ApiRoutes.time.path({}), { cache: 'no-store' })
      const receivedAt = Date.now()
      const { now } = (await response.json()) as ServerTime
      const sample = clockOffset({ sentAt, receivedAt, serverNow: now })
      if (!best || sample.roundTripMs < best.roundTripMs) best = sample
    } catch {
      // Offline: keep what we have (or trust the local clock).
    }
  }
  return best?.offsetMs ?? 0
}
