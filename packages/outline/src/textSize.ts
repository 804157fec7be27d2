/*
 * How much room words take on the canvas, estimated without a browser. tldraw measures text in the page (its fonts,
 * its layout); the outline has no page to measure in, so it counts: an average glyph is about 0.6 of the font size
 * wide, lines wrap at word boundaries. Close enough to place a note clear of its neighbours and to size a text
 * shape's box; a canvas that later edits the text measures it exactly.
 */

/** tldraw's sizes (default theme: 16 px base, line height 1.35, label padding 16). */
const BASE_FONT_SIZE = 16
const LINE_HEIGHT = 1.35
export const LABEL_PADDING = 16
/** A note is this wide and, before it grows, this tall (times its scale). */
export const NOTE_SIZE = 200
/** Text shapes' font sizes, in units of the base size. */
const TEXT_FONT_SIZES: Record<string, number> = { s: 1.125, m: 1.5, l: 2.25, xl: 2.75 }
/** Labels of notes and geo shapes. */
const LABEL_FONT_SIZES: Record<string, number> = { s: 1.125, m: 1.375, l: 1.625, xl: 2 }
/** An average glyph's width, in units of the font size (a little generous: wrapping early beats overflowing). */
const GLYPH_WIDTH = 0.6

const fontSize = (sizes: Record<string, number>, size: unknown) =>
  BASE_FONT_SIZE * (sizes[typeof size === 'string' ? size : 'm'] ?? sizes.m!)

/** How many lines `text` takes at `size` px in a column `maxWidth` px wide (at least one per paragraph). */
export function wrappedLines(text: string, size: number, maxWidth: number): number {
  const perLine = Math.max(1, Math.floor(maxWidth / (size * GLYPH_WIDTH)))
  let lines = 0
  for (const paragraph of text.split('\n')) {
    let used = 0
    lines++
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const length = [...word].length
      if (used > 0 && used + 1 + length <= perLine) {
        used += 1 + length
        continue
      }
      if (used > 0) lines++
      // A word longer than the line breaks across lines.
      lines += Math.ceil(length / perLine) - 1
      used = length % perLine || perLine
    }
  }
  return lines
}

/** How much a note must grow (tldraw's `growY`) to hold `text` at `size`. */
export function noteGrowY(text: string, size: unknown): number {
  if (!text.trim()) return 0
  const px = fontSize(LABEL_FONT_SIZES, size)
  const lines = wrappedLines(text, px, NOTE_SIZE - 2 * LABEL_PADDING)
  return Math.max(0, Math.ceil(lines * px * LINE_HEIGHT + 2 * LABEL_PADDING - NOTE_SIZE))
}

/** A text shape's height at scale 1, `width` wide. */
export function textShapeHeight(text: string, size: unknown, width: number): number {
  const px = fontSize(TEXT_FONT_SIZES, size)
  return Math.max(px, wrappedLines(text, px, Math.max(width, px)) * px * LINE_HEIGHT)
}

/** The height a geo shape's label takes at its top, padding included, in a box `width` wide. */
export function labelHeight(text: string, size: unknown, width: number): number {
  if (!text.trim()) return 0
  const px = fontSize(LABEL_FONT_SIZES, size)
  return wrappedLines(text, px, Math.max(width - 2 * LABEL_PADDING, px)) * px * LINE_HEIGHT + 2 * LABEL_PADDING
}
