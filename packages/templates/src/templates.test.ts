import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PageRecordType } from 'tldraw'
import { storeWithTemplateShapes } from './test/storeWithTemplateShapes.ts'
import { describe, expect, it } from 'vitest'
import { layoutTemplate } from './layoutTemplate.ts'
import { loadTemplateCatalog } from './loadTemplateCatalog.ts'
import { type Template } from './templateSchema.ts'
import { LANGUAGE_CODES } from '@cg/contract'

const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url))
const { catalog, errors } = loadTemplateCatalog(TEMPLATES_DIR)

function layoutInStore(template: Template, language: (typeof LANGUAGE_CODES)[number]) {
  const store = storeWithTemplateShapes()
  const pageId = PageRecordType.createId('test')
  store.put([PageRecordType.create({ id: pageId, name: 'Page', index: 'a1' as never })])
  const layout = layoutTemplate(template, {
    language,
    at: { x: 100, y: 200 },
    parentId: pageId,
    index: 'a1' as never,
    sectors: catalog.sectors,
  })
  // `put` validates every record against tldraw's schema and throws on the first invalid one.
  store.put(layout.records)
  return { store, layout }
}

describe('the templates folder', () => {
  it('loads every template without a single schema or consistency error', () => {
    expect(errors).toEqual([])
    expect(catalog.templates.map((t) => t.definition.id)).toEqual([
      'child-life-cycle',
      'key-actions',
      'logframe',
      'partnership-matrix',
      'sector-prioritisation',
      'service-mapping',
      'social-ecological-model',
      'vision',
    ])
    expect(catalog.sectors.length).toBeGreaterThanOrEqual(9)
  })

  it('gives every sector a distinct colour', () => {
    const colors = catalog.sectors.map((sector) => sector.color)
    expect(new Set(colors).size).toBe(colors.length)
  })
})

describe.each(catalog.templates.map((t) => [t.definition.id, t] as const))('template %s', (_id, template) => {
  it.each(LANGUAGE_CODES)('lays out into records tldraw accepts (%s)', (language) => {
    const { store, layout } = layoutInStore(template, language)
    const frame = store.get(layout.frameId)
    expect(frame?.type).toBe('frame')
    expect(frame && 'isLocked' in frame && frame.isLocked).toBe(false)
    const children = layout.records.filter((record) => record.parentId === layout.frameId)
    expect(children.length).toBe(layout.records.length - 1)
    // Scaffold boxes are locked; only texts a group is meant to adjust (an age range) are not.
    expect(children.filter((child) => child.type === 'geo').every((child) => child.isLocked)).toBe(true)
    const unlocked = children.filter((child) => !child.isLocked).map((child) => child.meta.element)
    const editable = template.definition.elements.filter((e) => e.kind === 'text' && !e.locked).map((e) => e.id)
    expect(unlocked.sort()).toEqual(editable.sort())
    // Everything stays inside the frame, mirrored or not.
    const { w, h } = template.definition.size
    for (const child of children) {
      const size = child.props as { w: number; h?: number }
      expect(child.x).toBeGreaterThanOrEqual(0)
      expect(child.x + size.w).toBeLessThanOrEqual(w)
      expect(child.y + (size.h ?? 0)).toBeLessThanOrEqual(h)
    }
  })

  it('names its frame in each language', () => {
    for (const language of LANGUAGE_CODES) {
      const { layout } = layoutInStore(template, language)
      const frame = layout.records.find((record) => record.id === layout.frameId)!
      expect((frame.props as { name: string }).name).toBe(template.strings[language].name)
    }
  })
})

describe('logframe layout', () => {
  const logframe = catalog.templates.find((t) => t.definition.id === 'logframe')!

  it('gives every body cell its row, column and sector', () => {
    const { layout } = layoutInStore(logframe, 'en')
    const cells = layout.records.filter((record) => record.meta.part === 'grid-cell')
    expect(cells).toHaveLength(6 * 6)
    const cell = cells.find((c) => c.meta.row === 'output-1' && c.meta.column === 'indicators')
    expect(cell?.meta).toMatchObject({ template: 'logframe', sector: 'child-protection' })
  })

  it('mirrors the columns in Arabic, so the level column reads first from the right', () => {
    const en = layoutInStore(logframe, 'en').layout.records
    const ar = layoutInStore(logframe, 'ar').layout.records
    const x = (records: typeof en, part: string) => records.find((r) => r.meta.part === part)!.x
    expect(x(en, 'grid-corner')).toBeLessThan(x(en, 'grid-header'))
    expect(x(ar, 'grid-corner')).toBeGreaterThan(x(ar, 'grid-header'))
  })
})

describe('sector prioritisation layout', () => {
  it('marks its eight sector boxes, and nothing else, as voting targets, still locked', () => {
    const template = catalog.templates.find((t) => t.definition.id === 'sector-prioritisation')!
    const { layout } = layoutInStore(template, 'ar')
    const targets = layout.records.filter((record) => record.meta.voteTarget === true)
    expect(targets.map((record) => record.meta.sector).sort()).toEqual([
      'camp-management',
      'education',
      'food-security',
      'health',
      'livelihoods',
      'nutrition',
      'shelter',
      'wash',
    ])
    expect(targets.every((record) => record.isLocked)).toBe(true)
  })
})

describe('per-sector templates', () => {
  it('name and tag the frame and its scaffold with the chosen sector', () => {
    const keyActions = catalog.templates.find((t) => t.definition.id === 'key-actions')!
    const layout = layoutTemplate(keyActions, {
      language: 'fr',
      at: { x: 0, y: 0 },
      parentId: PageRecordType.createId('p'),
      index: 'a1' as never,
      sectors: catalog.sectors,
      sector: 'education',
    })
    const frame = layout.records.find((r) => r.id === layout.frameId)!
    expect((frame.props as { name: string }).name).toBe('Travail de groupe : actions clés — Éducation')
    expect(layout.records.every((r) => r.meta.sector === 'education')).toBe(true)
  })
})

describe('a broken template', () => {
  function catalogWith(mutate: (dir: string) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'cg-templates-'))
    try {
      cpSync(TEMPLATES_DIR, dir, { recursive: true })
      mutate(dir)
      return loadTemplateCatalog(dir)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('is left out with a message naming the file and the fault, and the others still load', () => {
    const result = catalogWith((dir) => writeFileSync(join(dir, 'vision', 'template.json'), '{ "id": "vision", '))
    expect(result.catalog.templates.map((t) => t.definition.id)).not.toContain('vision')
    expect(result.catalog.templates).toHaveLength(catalog.templates.length - 1)
    expect(result.errors.join('\n')).toMatch(/vision[/\\]template\.json: .*JSON/)
  })

  it('is refused when a string is missing in one language', () => {
    const result = catalogWith((dir) => {
      const file = join(dir, 'partnership-matrix', 'strings.json')
      const strings = JSON.parse(
        JSON.stringify(catalog.templates.find((t) => t.definition.id === 'partnership-matrix')!.strings),
      )
      delete strings.ar['partner.police']
      writeFileSync(file, JSON.stringify(strings))
    })
    expect(result.errors).toContain('partnership-matrix: string "partner.police" is missing in ar')
  })

  it('is refused when scaffold boxes overlap without nesting, or a row names an unknown sector', () => {
    const result = catalogWith((dir) => {
      const file = join(dir, 'logframe', 'template.json')
      const definition = JSON.parse(
        JSON.stringify(catalog.templates.find((t) => t.definition.id === 'logframe')!.definition),
      )
      definition.elements.push({ kind: 'box', id: 'stray', x: 100, y: 100, w: 300, h: 100 })
      definition.elements[1].rows[0].sector = 'astronomy'
      writeFileSync(file, JSON.stringify(definition))
    })
    expect(result.errors.some((e) => /"logframe\.[^"]+" and "stray" overlap/.test(e))).toBe(true)
    expect(result.errors.some((e) => /unknown sector "astronomy"/.test(e))).toBe(true)
  })
})
