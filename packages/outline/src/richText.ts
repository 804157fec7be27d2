/*
 * tldraw's rich text (a TipTap document) to plain text and back, without tldraw: the outline page must not load
 * tlschema for two small functions.
 */

interface RichNode {
  type?: unknown
  text?: unknown
  content?: unknown
}

/** Nodes whose children are one line of text; any other node puts its children on lines of their own. */
const INLINE_PARENTS = new Set(['paragraph', 'heading', 'codeBlock'])

function textOf(node: unknown): string {
  if (typeof node !== 'object' || node === null) return ''
  const { type, text, content } = node as RichNode
  if (type === 'text') return typeof text === 'string' ? text : ''
  if (type === 'hardBreak') return '\n'
  const children = Array.isArray(content) ? content.map(textOf) : []
  return children.join(typeof type === 'string' && INLINE_PARENTS.has(type) ? '' : '\n')
}

/** A rich-text document's words, paragraphs on lines of their own (as @cg/templates' `plainText` reads them). */
export function plainTextOf(richText: unknown): string {
  return textOf(richText).trim()
}

/** Rich text as tldraw's `toRichText` makes it: one paragraph per line, an empty line an empty paragraph. */
export function toRichText(text: string): { type: 'doc'; content: object[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  return {
    type: 'doc',
    content: lines.map((line) =>
      line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' },
    ),
  }
}
