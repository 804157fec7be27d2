// What other folders may use of retention (when a workshop is deleted, when its links stop working, and the notice a week before): the only door into this folder (see apps/web/README.md).
export { RetentionNotice } from './RetentionNotice.tsx'
export { RetentionSection } from './RetentionSection.tsx'
