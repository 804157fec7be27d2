/** Longest item label in the results (the canvas's results cut at the same length). */
const MAX_LABEL = 80

/**
 * How a voted item is named in the outline's results, from its text in the outline (undefined: no longer on the
 * board), and whether the outline can go to it.
 */
export function resultLabel(
  text: string | undefined,
  words: { removed: string; withoutText: string },
): { label: string; onBoard: boolean } {
  if (text === undefined) return { label: words.removed, onBoard: false }
  const trimmed = text.trim().replace(/\s+/g, ' ')
  if (!trimmed) return { label: words.withoutText, onBoard: true }
  return { label: trimmed.length > MAX_LABEL ? `${trimmed.slice(0, MAX_LABEL - 1)}…` : trimmed, onBoard: true }
}
