// What other folders may use of voting: the only door into this folder (see apps/web/README.md).
export { VotingEffects } from './VotingEffects.tsx'
export { VotingOverlay } from './VotingOverlay.tsx'
export { VotingSection } from './VotingSection.tsx'
export { VotingStatus } from './VotingStatus.tsx'
