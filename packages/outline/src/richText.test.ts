import { toRichText as tldrawRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { plainText } from '@cg/templates'
import { plainTextOf, toRichText } from './richText.ts'

describe('rich text without tldraw', () => {
  it('is the document tldraw makes of the same words', () => {
    for (const text of ['', 'One idea', 'Two\nlines', 'A gap\n\nbetween', 'لغة عربية\nسطر ثان', '  spaced  ']) {
      expect(toRichText(text)).toEqual(tldrawRichText(text))
    }
    expect(toRichText('Windows\r\nlines')).toEqual(tldrawRichText('Windows\nlines'))
  })

  it('reads words back as the templates read them, hard breaks and lists on lines of their own', () => {
    for (const text of ['One idea', 'Two\nlines', 'Community\nRisks · protective factors']) {
      expect(plainTextOf(toRichText(text))).toBe(plainText(tldrawRichText(text)))
    }
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'First' }, { type: 'hardBreak' }, { type: 'text', text: 'second' }],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }],
        },
      ],
    }
    expect(plainTextOf(doc)).toBe('First\nsecond\nitem')
  })

  it('reads malformed rich text as what it can, never throwing', () => {
    for (const junk of [
      undefined,
      null,
      7,
      'text',
      [],
      { content: 'x' },
      { type: 'doc', content: [null, 3, { type: 'text' }] },
    ]) {
      expect(plainTextOf(junk)).toBe('')
    }
  })
})
