// What other folders may use of opening a board (what a board's page knows before it can show it): the only door into this folder (see apps/web/README.md).
export { BoardLoadMessage } from './BoardLoadMessage.tsx'
export { useBoardLoad } from './useBoardLoad.ts'
export type { BoardLoad, BoardLoadState } from './useBoardLoad.ts'
