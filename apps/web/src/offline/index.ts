// What other folders may use of offline use: the only door into this folder (see apps/web/README.md).
export { registerAppShell } from './appUpdates.ts'
export {
  boardsAvailableOffline,
  findOfflineBoard,
  forgetOfflineBoard,
  listKeptBoards,
  saveOfflineBoard,
} from './offlineBoards.ts'
export { UpdateBanner } from './UpdateBanner.tsx'
