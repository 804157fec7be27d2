// What other folders may use of the logframe: the only door into this folder (see apps/web/README.md).
export { LOGFRAME_TEMPLATE_ID } from './logframeFiles.ts'
export { LogframeExport } from './LogframeExport.tsx'
export { LogframeImport } from './LogframeImport.tsx'
