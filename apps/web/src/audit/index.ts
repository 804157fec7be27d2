// What other folders may use of audit (the workshop's activity log, for its facilitator): the only door into this folder (see apps/web/README.md).
export { ActivitySection } from './ActivitySection.tsx'
