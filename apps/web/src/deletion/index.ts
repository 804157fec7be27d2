// What other folders may use of deletion (deleting a workshop): the only door into this folder (see apps/web/README.md). The page of a deleted board and the forgetting it does load with import(), by app/BoardPage.tsx.
export { DeletionSection } from './DeletionSection.tsx'
