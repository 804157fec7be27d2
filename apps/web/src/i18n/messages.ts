/**
 * Every string of our UI, in every supported language, for code that needs them all at once (tests, type checks).
 * The app itself loads one language at a time (languages.ts); English, the reference, is always there.
 */
import type { Messages } from './dictionaries/en.ts'

export { en } from './dictionaries/en.ts'
export { fr } from './dictionaries/fr.ts'
export { es } from './dictionaries/es.ts'
export { ar } from './dictionaries/ar.ts'
export type { Messages }
export type MessageKey = keyof Messages
