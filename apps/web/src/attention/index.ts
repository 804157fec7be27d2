// What other folders may use of attention (follow me, bring everyone here, slides, messages): the only door into this folder (see apps/web/README.md).
export { AttentionEffects } from './AttentionEffects.tsx'
export { AttentionSection } from './AttentionSection.tsx'
export { BroadcastNotice } from './BroadcastNotice.tsx'
export { FollowStatus } from './FollowStatus.tsx'
