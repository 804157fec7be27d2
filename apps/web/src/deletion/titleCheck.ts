/**
 * A title as typed to confirm a deletion: Unicode-normalised (an Arabic or accented title typed on another keyboard
 * may compose its letters differently), without the invisible direction marks a copy from right-to-left text can
 * carry, without tatweel (ـ, which only stretches Arabic letters), trimmed, with runs of spaces as one.
 */
export function comparableTitle(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u0640]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Whether what the person typed is the board's title: letter for letter, case included, spacing aside. */
export function titleConfirmed(typed: string, title: string): boolean {
  const expected = comparableTitle(title)
  return expected !== '' && comparableTitle(typed) === expected
}
