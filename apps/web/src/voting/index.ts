// What other folders may use of voting: the only door into this folder (see apps/web/README.md).
export { boardVotingOf, useBoardVoting, useMyBallot } from './useVotes.ts'
export { VoteResultsList } from './VoteResultsList.tsx'
export { VotingEffects } from './VotingEffects.tsx'
export { VotingOverlay } from './VotingOverlay.tsx'
export { VotingProgress } from './VotingProgress.tsx'
export { VotingSection } from './VotingSection.tsx'
export { VotingStatus } from './VotingStatus.tsx'
export { placeSticker, removeSticker } from './writeVotes.ts'
