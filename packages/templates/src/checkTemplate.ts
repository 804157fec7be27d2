import { partiallyOverlap, scaffoldBoxes } from './scaffoldBoxes.ts'
import { type Sector, type TemplateDefinition, type TemplateStrings } from './templateSchema.ts'
import { LANGUAGE_CODES } from '@cg/contract'

/**
 * What the schema alone cannot see: strings missing in a language, unknown sectors, duplicate ids, shapes
 * outside the frame, scaffold boxes that overlap without nesting. Returns one readable line per problem.
 */
export function checkTemplate(definition: TemplateDefinition, strings: TemplateStrings, sectors: Sector[]): string[] {
  const problems: string[] = []
  const referenced = new Set(['name', 'description'])
  const ids = new Set<string>()
  for (const element of definition.elements) {
    if (ids.has(element.id)) problems.push(`element id "${element.id}" is used twice`)
    ids.add(element.id)
    if (element.kind === 'text') referenced.add(element.text)
    if ((element.kind === 'box' || element.kind === 'codraft') && element.label) referenced.add(element.label)
    if (element.kind === 'grid') {
      for (const rowKind of element.rowKinds) {
        referenced.add(rowKind.action)
        referenced.add(rowKind.label)
        if (rowKind.sector && !sectors.some((sector) => sector.id === rowKind.sector)) {
          problems.push(`row kind "${rowKind.kind}" names an unknown sector "${rowKind.sector}"`)
        }
      }
    }
    if (element.kind === 'text' && element.x + element.w > definition.size.w) {
      problems.push(`text "${element.id}" runs past the frame's right edge`)
    }
  }
  const boxes = scaffoldBoxes(definition)
  for (const box of boxes) {
    if (box.label) referenced.add(box.label)
    if (box.sector && !sectors.some((sector) => sector.id === box.sector)) {
      problems.push(`"${box.key}" names an unknown sector "${box.sector}"`)
    }
    if (box.x + box.w > definition.size.w || box.y + box.h > definition.size.h) {
      problems.push(`"${box.key}" lies outside the ${definition.size.w}×${definition.size.h} frame`)
    }
  }
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (partiallyOverlap(a, b)) problems.push(`"${a.key}" and "${b.key}" overlap without one containing the other`)
    }
  }
  for (const language of LANGUAGE_CODES) {
    for (const key of referenced) {
      if (!strings[language][key]) problems.push(`string "${key}" is missing in ${language}`)
    }
    for (const key of Object.keys(strings[language])) {
      if (!referenced.has(key)) problems.push(`string "${key}" in ${language} is not used by any element`)
    }
  }
  return problems
}
