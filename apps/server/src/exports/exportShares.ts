import type { BoardRole } from '@cg/contract'
import type { ExportStarter, StoredExportJob } from '@cg/storage'

/**
 * What each class of export may hold, counted in storage so every process sees the same: running or waiting on the
 * whole server (`server`) and in one workshop (`workshop`), beyond which the API answers 429, and kept in one
 * workshop, running or finished (`kept`), beyond which the longest-finished of the same class and workshop is let go
 * (a finished file never blocks a new export). A participant's (participant or viewer link) and a facilitator's are
 * counted apart: nothing participants start ever counts against a facilitator. The participants' numbers are the
 * old per-workshop ones; a workshop's facilitators may hold three (the plenary, the report and a breakout), and never
 * every place on the server, so one workshop's facilitators cannot refuse another's either.
 */
export const EXPORT_SHARES: Readonly<Record<ExportStarter, { server: number; workshop: number; kept: number }>> = {
  participant: { server: 4, workshop: 2, kept: 6 },
  facilitator: { server: 6, workshop: 3, kept: 10 },
}

/** Whose share an export started with this role takes: participant and viewer links share the participants'. */
export function starterOf(role: BoardRole): ExportStarter {
  return role === 'facilitator' ? 'facilitator' : 'participant'
}

/**
 * A new export started (its job's id), or refused: the share that is full (this workshop's, or the whole server's
 * for this class) and how many it holds, for a message that says what to do.
 */
export type ExportAdmission =
  { ok: true; id: string } | { ok: false; startedBy: ExportStarter; full: 'workshop' | 'server'; limit: number }

/**
 * Whether a new export of workshop `plenaryId` started by `startedBy` fits its class's shares among the jobs kept
 * (see EXPORT_SHARES), and which finished jobs of the same class and workshop to let go first to keep it within its
 * kept share. Only jobs of the same class count.
 */
export function admission(
  jobs: readonly StoredExportJob[],
  plenaryId: string,
  startedBy: ExportStarter,
): Extract<ExportAdmission, { ok: false }> | { ok: true; letGo: string[] } {
  const share = EXPORT_SHARES[startedBy]
  const same = jobs.filter((job) => job.startedBy === startedBy)
  const ours = same.filter((job) => job.plenaryId === plenaryId)
  const running = (of: StoredExportJob[]) => of.filter((job) => job.status === 'running').length
  if (running(ours) >= share.workshop) return { ok: false, startedBy, full: 'workshop', limit: share.workshop }
  if (running(same) >= share.server) return { ok: false, startedBy, full: 'server', limit: share.server }
  // Fewer running than the kept share, so there are always enough finished ones to let go.
  const finished = ours.filter((job) => job.finishedAt !== null).sort((a, b) => a.finishedAt! - b.finishedAt!)
  const over = ours.length + 1 - share.kept
  return { ok: true, letGo: finished.slice(0, Math.max(0, over)).map((job) => job.id) }
}

/**
 * Why an export was refused, and what to do: a participant waits for the exports already under way or asks a
 * facilitator, whose share participants never use; a facilitator is refused only by facilitators' own exports.
 */
export function refusalMessage(refused: Extract<ExportAdmission, { ok: false }>): string {
  if (refused.startedBy === 'participant') {
    const whose =
      refused.full === 'workshop'
        ? `This workshop's participants already have ${refused.limit} exports being made`
        : `Participants of the workshops on this server already have ${refused.limit} exports being made`
    return `${whose}. Wait for them to finish and try again, or ask a facilitator to export it (facilitators have their own share).`
  }
  return refused.full === 'workshop'
    ? `This workshop's facilitators already have ${refused.limit} exports being made. Try again in a minute, once one has finished.`
    : `The server is making as many facilitators' exports as it can (${refused.limit}). Try again in a minute.`
}
