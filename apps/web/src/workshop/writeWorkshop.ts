import type * as Y from 'yjs'
import {
  addTime,
  pauseTimer,
  readWorkshop,
  resumeTimer,
  startTimer,
  writeWorkshop,
  type AgendaItem,
  type WorkshopField,
  type WorkshopValue,
} from '@cg/facilitation'

/** A facilitator's change to the workshop state, as one transaction (one message to everyone). */
export function updateWorkshop<K extends WorkshopField>(
  doc: Y.Doc,
  field: K,
  change: (current: WorkshopValue<K>) => WorkshopValue<K>,
): void {
  doc.transact(() => writeWorkshop(doc, field, change(readWorkshop(doc, field))))
}

export const timerActions = {
  start: (doc: Y.Doc, minutes: number, now: number, label?: string) =>
    updateWorkshop(doc, 'timer', () => startTimer(Math.round(minutes * 60_000), now, label)),
  pause: (doc: Y.Doc, now: number) => updateWorkshop(doc, 'timer', (timer) => pauseTimer(timer, now)),
  resume: (doc: Y.Doc, now: number) => updateWorkshop(doc, 'timer', (timer) => resumeTimer(timer, now)),
  addMinute: (doc: Y.Doc, now: number) => updateWorkshop(doc, 'timer', (timer) => addTime(timer, 60_000, now)),
  reset: (doc: Y.Doc) => updateWorkshop(doc, 'timer', () => ({ status: 'idle' })),
}

/** Makes an agenda item the current one for everyone and starts its timer. */
export function startAgendaItem(doc: Y.Doc, item: AgendaItem, now: number): void {
  doc.transact(() => {
    writeWorkshop(doc, 'currentItemId', item.id)
    if (item.minutes > 0)
      writeWorkshop(doc, 'timer', startTimer(Math.round(item.minutes * 60_000), now, item.topic, item.topicKey))
  })
}

export function newItemId(): string {
  return crypto.randomUUID().slice(0, 12)
}
