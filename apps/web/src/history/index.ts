// What other folders may use of history (versions, backup, restore): the only door into this folder (see apps/web/README.md).
export { BackupSection } from './BackupSection.tsx'
export { HistorySection } from './HistorySection.tsx'
export { RestoreBackup } from './RestoreBackup.tsx'
export { RestoreNotice } from './RestoreNotice.tsx'
