import type { ExportStarter } from '@cg/storage'

/**
 * Renders at a time per process, each a Chromium tab laying out a whole board: participants' exports take two at
 * most, and a third tab is only ever a facilitator's, so a facilitator's export never waits behind participants'.
 */
const RENDER_SLOTS: Readonly<Record<ExportStarter, number>> = { participant: 2, facilitator: 3 }

/**
 * The tabs a process renders in (see RENDER_SLOTS): one is taken at once if free for its class, else in turn, a
 * facilitator's render before any participant's.
 */
export class RenderSlots {
  private taken = 0
  private readonly waiting: { startedBy: ExportStarter; resume: () => void }[] = []

  /** Renders in progress. */
  get rendering(): number {
    return this.taken
  }

  take(startedBy: ExportStarter): Promise<void> {
    if (this.taken < RENDER_SLOTS[startedBy]) {
      this.taken++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push({ startedBy, resume: resolve }))
  }

  /** Gives a tab back, and hands the free ones to who waits: facilitators first, then in order. */
  release(): void {
    this.taken--
    for (;;) {
      const fits = (waiter: { startedBy: ExportStarter }) => this.taken < RENDER_SLOTS[waiter.startedBy]
      const facilitator = this.waiting.findIndex((waiter) => waiter.startedBy === 'facilitator' && fits(waiter))
      const next = facilitator >= 0 ? facilitator : this.waiting.findIndex(fits)
      if (next < 0) return
      const [waiter] = this.waiting.splice(next, 1)
      this.taken++
      waiter!.resume()
    }
  }
}
