export { readOutline } from './readOutline.ts'
export { canWriteTo, planAddNote, planDeleteNote, planEditText, planMoveNote, planSetSector } from './noteEdits.ts'
export type { NewNote, SectorColours } from './noteEdits.ts'
export { splitByRoom } from './splitByRoom.ts'
export { WRITTEN_VERSIONS } from './schemaVersions.ts'
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
export { placeAt, shapeOnPage } from './whereOnBoard.ts'
