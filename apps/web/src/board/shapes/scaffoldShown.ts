import type { TLShape } from 'tldraw'
import type { LanguageCode } from '@cg/contract'
import { plainText, scaffoldTextFor } from '@cg/templates'
import { $templateCatalog } from './templateCatalogAtom.ts'

/** A shape's own text: a frame's name, else its rich text as plain text. */
export function storedTextOf(shape: TLShape): string {
  if (shape.type === 'frame') return (shape.props as { name: string }).name
  return plainText((shape.props as { richText?: Parameters<typeof plainText>[0] }).richText)
}

/**
 * What a reader in `language` is shown for a template scaffold shape (heading, label, frame name) in place of its
 * stored text, or undefined (not scaffold, retyped, already in their language, or the catalog not loaded yet).
 */
export function scaffoldShownText(shape: TLShape, language: LanguageCode): string | undefined {
  const catalog = $templateCatalog.get()
  if (!catalog || typeof shape.meta.template !== 'string') return undefined
  return scaffoldTextFor(catalog.templates, catalog.sectors, shape.meta, storedTextOf(shape), language)
}
