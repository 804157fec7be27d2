import { describe, expect, it } from 'vitest'
import { withoutEmbeddedFonts, withoutShadows } from './svgImages.ts'

describe('the SVG of a printed picture', () => {
  it('leaves out the fonts tldraw embeds (the print page has them), and keeps the rest of its style', () => {
    const svg =
      '<svg><style>@font-face { font-family: "tldraw_draw"; src: url(data:font/woff2;base64,AAAA); }' +
      ' .tl-text { fill: black } @font-face {font-family: x; src: url(y)}</style><text>Water</text></svg>'
    expect(withoutEmbeddedFonts(svg)).toBe('<svg><style> .tl-text { fill: black } </style><text>Water</text></svg>')
  })

  it('leaves out the notes drop-shadow filters, not the filter definitions or other attributes', () => {
    const svg = '<svg><defs><filter id="shadow"/></defs><g filter="url(#shadow)" opacity="1"><rect/></g></svg>'
    expect(withoutShadows(svg)).toBe('<svg><defs><filter id="shadow"/></defs><g opacity="1"><rect/></g></svg>')
  })
})
