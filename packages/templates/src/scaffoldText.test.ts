import { fileURLToPath } from 'node:url'
import type { TLShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { plainText } from './gridRows.ts'
import { layoutTemplate } from './layoutTemplate.ts'
import { loadTemplateCatalog } from './loadTemplateCatalog.ts'
import { scaffoldTextFor } from './scaffoldText.ts'

const { catalog } = loadTemplateCatalog(fileURLToPath(new URL('../../../templates', import.meta.url)))
const textOf = (shape: TLShape) =>
  shape.type === 'frame'
    ? (shape.props as { name: string }).name
    : plainText((shape.props as { richText?: never }).richText)

function laidOut(templateId: string, sector?: string) {
  const template = catalog.templates.find((t) => t.definition.id === templateId)!
  return layoutTemplate(template, {
    language: 'fr',
    at: { x: 0, y: 0 },
    parentId: 'page:p' as never,
    index: 'a1' as never,
    sectors: catalog.sectors,
    ...(sector ? { sector } : {}),
  }).records
}

describe('scaffold read in each reader’s language', () => {
  it('shows a French-laid logframe to an Arabic reader in Arabic, every heading and the frame’s name', () => {
    const records = laidOut('logframe')
    const shown = (shape: TLShape) =>
      scaffoldTextFor(catalog.templates, catalog.sectors, shape.meta, textOf(shape), 'ar') ?? textOf(shape)
    const byPart = (part: string) => records.filter((shape) => shape.meta.part === part)
    expect(shown(byPart('frame')[0]!)).toBe('الإطار المنطقي للنتيجة المتكاملة')
    const ar = catalog.templates.find((t) => t.definition.id === 'logframe')!.strings.ar
    expect(byPart('grid-header').map(shown)).toEqual(
      ['col.narrative', 'col.indicators', 'col.baseline', 'col.target', 'col.verification', 'col.assumptions'].map(
        (key) => ar[key],
      ),
    )
    expect(byPart('grid-row-header').map(shown)).toContain(ar['row.output-education'])
    // Cells say nothing, and stay so.
    expect(byPart('grid-cell').every((cell) => shown(cell) === '')).toBe(true)
  })

  it('leaves retyped scaffold as typed, and the reader’s own language as it is', () => {
    const header = laidOut('logframe').find((shape) => shape.meta.part === 'grid-header')!
    expect(scaffoldTextFor(catalog.templates, catalog.sectors, header.meta, 'Résumé narratif (révisé)', 'ar')).toBe(
      undefined,
    )
    expect(scaffoldTextFor(catalog.templates, catalog.sectors, header.meta, textOf(header), 'fr')).toBe(undefined)
    expect(scaffoldTextFor(catalog.templates, catalog.sectors, { note: true }, 'anything', 'ar')).toBe(undefined)
  })

  it('names a per-sector frame with the sector in the reader’s language', () => {
    const frame = laidOut('key-actions', 'education').find((shape) => shape.meta.part === 'frame')!
    const shown = scaffoldTextFor(catalog.templates, catalog.sectors, frame.meta, textOf(frame), 'en')
    expect(shown).toMatch(/ — Education$/)
  })
})
