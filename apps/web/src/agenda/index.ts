// What other folders may use of the agenda and its timer: the only door into this folder (see apps/web/README.md).
export { AgendaSection } from './AgendaSection.tsx'
export { CurrentItem } from './CurrentItem.tsx'
export { methodText, topicText } from './sessionPlan.ts'
export { TimerDisplay } from './TimerDisplay.tsx'
