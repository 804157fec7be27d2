import { z } from 'zod'

/**
 * The agenda as it was run: each time a facilitator starts an item, a run opens (and the one before closes); the
 * report reads these for the actual minutes and to place each piece of work under the item it was made in.
 * Times are server time (ms since the epoch).
 */
export const AgendaRun = z.object({
  itemId: z.string().min(1).max(64),
  startedAt: z.number(),
  /** Absent while the item is still running. */
  endedAt: z.number().optional(),
})
export type AgendaRun = z.infer<typeof AgendaRun>

/** A run log keeps at most this many runs (the oldest go first): a workshop day has a few dozen. */
export const MAX_AGENDA_RUNS = 500

/** The log after `itemId` starts at `now`: the open run, if any, ends there. */
export function startRun(runs: readonly AgendaRun[], itemId: string, now: number): AgendaRun[] {
  return [...finishRun(runs, now), { itemId, startedAt: now }].slice(-MAX_AGENDA_RUNS)
}

/** The log after the running item is finished at `now` (unchanged when nothing runs). */
export function finishRun(runs: readonly AgendaRun[], now: number): AgendaRun[] {
  return runs.map((run) => (run.endedAt === undefined ? { ...run, endedAt: Math.max(run.startedAt, now) } : run))
}

/** Whole minutes an item ran, over all its runs (a run still open counts up to `now`); undefined if it never ran. */
export function minutesRun(runs: readonly AgendaRun[], itemId: string, now: number): number | undefined {
  const own = runs.filter((run) => run.itemId === itemId)
  if (own.length === 0) return undefined
  const ms = own.reduce((sum, run) => sum + Math.max(0, (run.endedAt ?? now) - run.startedAt), 0)
  return Math.round(ms / 60_000)
}

/**
 * The item that was running at `time`: the run that had started by then and not yet ended. Work made between
 * items (after one finished, before the next started) belongs to none.
 */
export function itemRunningAt(runs: readonly AgendaRun[], time: number): string | undefined {
  let found: AgendaRun | undefined
  for (const run of runs) {
    if (run.startedAt <= time && (run.endedAt === undefined || time < run.endedAt)) {
      if (!found || run.startedAt >= found.startedAt) found = run
    }
  }
  return found?.itemId
}
