export { boardRules } from './boardRules.ts'
export type { BoardRulesContext } from './boardRules.ts'
export { boardSchema } from './boardSchema.ts'
export { isReadableSchema, isValidRecord, recordsInCurrentSchema } from './recordChecks.ts'
