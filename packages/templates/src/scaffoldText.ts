import { LANGUAGE_CODES, type LanguageCode } from '@cg/contract'
import { rowLabel } from './gridRows.ts'
import type { Sector, Template } from './templateSchema.ts'

/**
 * What a scaffold shape (a heading, a cell's label, a frame's name) says in `language`, from the template it was
 * laid out from: undefined for anything not laid out from a template string.
 */
export function scaffoldText(
  template: Template,
  meta: Record<string, unknown>,
  language: LanguageCode,
  sectors: readonly Sector[],
): string | undefined {
  const strings = { ...template.strings.en, ...template.strings[language] }
  const sector = typeof meta.sector === 'string' ? sectors.find((candidate) => candidate.id === meta.sector) : undefined
  if (meta.part === 'frame') return sector ? `${strings.name} — ${sector.names[language]}` : strings.name
  if (typeof meta.textKey !== 'string' || !(meta.textKey in strings)) return undefined
  return rowLabel(strings, meta.textKey, sector, language)
}

/**
 * The text a reader in `language` is shown for a scaffold shape that says `current`: the template's wording in
 * their language while the shape still says what the template says in any language (as laid out, whoever laid
 * it out), and undefined once someone has retyped it (typed text is shown as typed) or for anything else.
 */
export function scaffoldTextFor(
  templates: readonly Template[],
  sectors: readonly Sector[],
  meta: Record<string, unknown>,
  current: string,
  language: LanguageCode,
): string | undefined {
  const template = templates.find((candidate) => candidate.definition.id === meta.template)
  if (!template) return undefined
  const own = scaffoldText(template, meta, language, sectors)
  if (own === undefined || own === current) return undefined
  const untouched = LANGUAGE_CODES.some((code) => scaffoldText(template, meta, code, sectors) === current)
  return untouched ? own : undefined
}
