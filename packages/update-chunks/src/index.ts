export { sendInChunks } from './sendInChunks.ts'
export { splitUpdate } from './splitUpdate.ts'
