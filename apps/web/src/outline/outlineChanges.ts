import type { Outline, OutlineNote } from '@cg/outline'

/** One change to the board as the outline sees it, named by the place it happened in. */
export type OutlineChange =
  | { kind: 'added' | 'removed' | 'moved' | 'edited'; placeKey: string; placeLabel: string; noteId: string }
  | { kind: 'placeAdded' | 'placeRemoved'; placeKey: string; placeLabel: string }

const sameContent = (a: OutlineNote, b: OutlineNote) => a.text === b.text && a.sector === b.sector

/**
 * What changed from one reading of the board to the next: notes added, deleted, moved to another place, or
 * rewritten (text or sector), and frames that came or went. `own`: ids of notes this page itself changed since
 * the last reading, which are not news to the person who changed them. A private draft that leaves the outline was
 * revealed (it comes back as a board note), not deleted.
 */
export function outlineChanges(before: Outline, after: Outline, own: ReadonlySet<string>): OutlineChange[] {
  const changes: OutlineChange[] = []
  const placeLabel = (outline: Outline, key: string) => outline.placesByKey.get(key)?.label ?? ''
  for (const [id, { note, placeKey }] of after.notes) {
    if (own.has(id)) continue
    const previous = before.notes.get(id)
    const at = { placeKey, placeLabel: placeLabel(after, placeKey), noteId: id }
    if (!previous) changes.push({ kind: 'added', ...at })
    else if (previous.placeKey !== placeKey) changes.push({ kind: 'moved', ...at })
    else if (!sameContent(previous.note, note)) changes.push({ kind: 'edited', ...at })
  }
  for (const [id, { note, placeKey }] of before.notes) {
    if (own.has(id) || after.notes.has(id) || note.private) continue
    changes.push({ kind: 'removed', placeKey, placeLabel: placeLabel(before, placeKey), noteId: id })
  }
  // Frames (and groups of loose notes) at the top: a template inserted, a frame deleted.
  const keysOf = (outline: Outline) => new Set(outline.places.map((place) => place.key))
  const beforeKeys = keysOf(before)
  const afterKeys = keysOf(after)
  for (const place of after.places) {
    if (place.kind === 'frame' && !beforeKeys.has(place.key))
      changes.push({ kind: 'placeAdded', placeKey: place.key, placeLabel: place.label })
  }
  for (const place of before.places) {
    if (place.kind === 'frame' && !afterKeys.has(place.key))
      changes.push({ kind: 'placeRemoved', placeKey: place.key, placeLabel: place.label })
  }
  return changes
}
