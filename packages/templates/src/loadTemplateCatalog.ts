import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { checkTemplate } from './checkTemplate.ts'
import {
  SectorList,
  TemplateDefinition,
  TemplateStrings,
  type Template,
  type TemplateCatalog,
} from './templateSchema.ts'

export interface CatalogResult {
  catalog: TemplateCatalog
  /** One line per file that was refused, naming the file and what is wrong; the others still load. */
  errors: string[]
}

/**
 * Reads `templates/`: `sectors.json` and one folder per template with `template.json` and `strings.json`.
 * Adding a template is adding a folder. A broken template is reported and left out, never half-loaded.
 */
export function loadTemplateCatalog(dir: string): CatalogResult {
  const errors: string[] = []
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { catalog: { templates: [], sectors: [] }, errors: [`${dir}: no such folder (set TEMPLATES_DIR)`] }
  }
  const sectors = readJson(join(dir, 'sectors.json'), SectorList, errors)?.sectors ?? []
  const templates: Template[] = []
  const folders = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
  for (const folder of folders) {
    const definition = readJson(join(dir, folder, 'template.json'), TemplateDefinition, errors)
    const strings = readJson(join(dir, folder, 'strings.json'), TemplateStrings, errors)
    if (!definition || !strings) continue
    if (definition.id !== folder) {
      errors.push(`${folder}/template.json: id "${definition.id}" must match its folder name`)
      continue
    }
    const problems = checkTemplate(definition, strings, sectors)
    if (problems.length > 0) {
      errors.push(...problems.map((problem) => `${folder}: ${problem}`))
      continue
    }
    templates.push({ definition, strings })
  }
  return { catalog: { templates, sectors }, errors }
}

function readJson<T extends z.ZodType>(file: string, schema: T, errors: string[]): z.infer<T> | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    errors.push(`${file}: ${(error as Error).message}`)
    return undefined
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) errors.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  return undefined
}
