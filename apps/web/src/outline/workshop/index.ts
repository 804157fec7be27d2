// The workshop on the outline page, without the canvas: what the page uses of this folder.
export { CodraftTextField } from './CodraftTextField.tsx'
export { OutlineVoteResults } from './OutlineVoteResults.tsx'
export { OutlineWorkshopBar } from './OutlineWorkshopBar.tsx'
export { useOutlineVoting } from './useOutlineVoting.ts'
export { useOutlineWorkshop, type OutlineWorkshop } from './useOutlineWorkshop.ts'
export { usePrivateMode } from './usePrivateMode.ts'
export { useWorkshopPresenceReports } from './useWorkshopPresenceReports.ts'
export type { OutlineVoting } from './outlineVoting.ts'
