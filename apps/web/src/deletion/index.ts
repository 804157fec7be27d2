// What other folders may use of deletion (deleting a workshop, and forgetting it on this device): the only door into this folder (see apps/web/README.md).
export { DeletedBoardPage } from './DeletedBoardPage.tsx'
export { DeletionSection } from './DeletionSection.tsx'
export { deletionDate } from './deletionTime.ts'
export { forgetBoard } from './forgetBoard.ts'
export { LinkExpiredPage } from './LinkExpiredPage.tsx'
