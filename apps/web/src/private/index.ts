// What other folders may use of private mode: the only door into this folder (see apps/web/README.md).
export { makesPrivateDrafts, useMakesPrivateDrafts } from './privateDrafting.ts'
export { PrivateModeEffects } from './PrivateModeEffects.tsx'
export { PrivateModeNotice } from './PrivateModeNotice.tsx'
export { PrivateModeSection } from './PrivateModeSection.tsx'
export { usePrivateNotesReport } from './usePrivateNotesReport.ts'
