// tldraw's light-theme colours, near enough for a thumbnail.
const SWATCHES: Record<string, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
  white: '#ffffff',
}

/** A CSS colour for one of tldraw's colour names, for swatches and thumbnails outside the canvas. */
export function swatchColor(name: string): string {
  return SWATCHES[name] ?? SWATCHES.grey!
}
