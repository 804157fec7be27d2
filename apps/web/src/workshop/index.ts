// What other folders may use of the workshop (its layer over the canvas and the facilitator's panel): the only door into this folder (see apps/web/README.md).
export { $facilitatorPanelOpen, setFacilitatorPanelOpen } from './facilitatorPanelState.ts'
export { WorkshopLayer } from './WorkshopLayer.tsx'
