export { readOutline } from './readOutline.ts'
export { canWriteTo, planAddNote, planDeleteNote, planEditText, planMoveNote, planSetSector } from './noteEdits.ts'
export type { NewNote } from './noteEdits.ts'
export type {
  LooseNotesWhere,
  Outline,
  OutlineEntry,
  OutlineInput,
  OutlineNote,
  OutlinePlace,
  OutlineWords,
  PageBox,
  PlaceTarget,
  RecordChanges,
} from './outlineTypes.ts'
