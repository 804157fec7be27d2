const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** How long versions are kept: all of them for a while, then one an hour, then one a day (named ones always). */
export interface RetentionPolicy {
  keepAllMs: number
  hourlyForMs: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepAllMs: DAY_MS, hourlyForMs: 30 * DAY_MS }

export interface VersionStamp {
  id: string
  createdAt: number
  name: string | null
}

/**
 * The versions a policy lets go: past `keepAllMs`, only the newest of each hour stays, and past
 * `keepAllMs + hourlyForMs` only the newest of each day. Named versions are kept whatever their age.
 */
export function versionsToDrop(versions: readonly VersionStamp[], now: number, policy: RetentionPolicy): string[] {
  const kept = new Set<string>()
  const drop: string[] = []
  for (const version of [...versions].sort((a, b) => b.createdAt - a.createdAt)) {
    const age = now - version.createdAt
    if (version.name !== null || age < policy.keepAllMs) continue
    const bucketMs = age < policy.keepAllMs + policy.hourlyForMs ? HOUR_MS : DAY_MS
    const bucket = `${bucketMs}:${Math.floor(version.createdAt / bucketMs)}`
    if (kept.has(bucket)) drop.push(version.id)
    else kept.add(bucket)
  }
  return drop
}
