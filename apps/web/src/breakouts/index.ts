// What other folders may use of breakouts: the only door into this folder (see apps/web/README.md).
export { BreakoutEffects } from './BreakoutEffects.tsx'
export { BreakoutsSection } from './BreakoutsSection.tsx'
export { BreakoutStatus } from './BreakoutStatus.tsx'
