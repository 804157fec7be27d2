// What other folders may use of deletion (deleting a workshop): the only door into this folder (see apps/web/README.md).
export { DeletedBoardPage } from './DeletedBoardPage.tsx'
export { DeletionSection } from './DeletionSection.tsx'
export { forgetBoard } from './forgetBoard.ts'
