import type * as Y from 'yjs'
import {
  addTime,
  finishRun,
  startRun,
  pauseTimer,
  readWorkshop,
  resumeTimer,
  startTimer,
  writeWorkshop,
  type AgendaItem,
} from '@cg/facilitation'
import { updateWorkshop } from '../board/workshop/writeWorkshop.ts'

export const timerActions = {
  start: (doc: Y.Doc, minutes: number, now: number, label?: string) =>
    updateWorkshop(doc, 'timer', () => startTimer(Math.round(minutes * 60_000), now, label)),
  pause: (doc: Y.Doc, now: number) => updateWorkshop(doc, 'timer', (timer) => pauseTimer(timer, now)),
  resume: (doc: Y.Doc, now: number) => updateWorkshop(doc, 'timer', (timer) => resumeTimer(timer, now)),
  addMinute: (doc: Y.Doc, now: number) => updateWorkshop(doc, 'timer', (timer) => addTime(timer, 60_000, now)),
  reset: (doc: Y.Doc) => updateWorkshop(doc, 'timer', () => ({ status: 'idle' })),
}

/** Makes an agenda item the current one for everyone and starts its timer; the run log notes when. */
export function startAgendaItem(doc: Y.Doc, item: AgendaItem, now: number): void {
  doc.transact(() => {
    writeWorkshop(doc, 'currentItemId', item.id)
    writeWorkshop(doc, 'agendaRuns', startRun(readWorkshop(doc, 'agendaRuns'), item.id, now))
    if (item.minutes > 0)
      writeWorkshop(doc, 'timer', startTimer(Math.round(item.minutes * 60_000), now, item.topic, item.topicKey))
  })
}

/** Ends the current item (its run closes, its timer stops): nothing is current until the next starts. */
export function finishAgendaItem(doc: Y.Doc, now: number): void {
  doc.transact(() => {
    writeWorkshop(doc, 'currentItemId', null)
    writeWorkshop(doc, 'agendaRuns', finishRun(readWorkshop(doc, 'agendaRuns'), now))
    writeWorkshop(doc, 'timer', { status: 'idle' })
  })
}
