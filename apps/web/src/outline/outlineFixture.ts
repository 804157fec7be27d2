import type { Outline, OutlineNote, OutlinePlace } from '@cg/outline'

/*
 * Small outlines for unit tests, built as readOutline's result would be (its places, notes by id, places by key),
 * so the page's pure modules are tested without laying a board out.
 */

export function note(id: string, text: string, extra: Partial<OutlineNote> = {}): OutlineNote {
  return {
    kind: 'note',
    id,
    shapeType: 'note',
    text,
    private: false,
    codraft: false,
    editable: true,
    ...extra,
  }
}

export function place(
  key: string,
  label: string,
  contents: { places?: OutlinePlace[]; notes?: OutlineNote[]; kind?: OutlinePlace['kind'] } = {},
): OutlinePlace {
  return {
    kind: contents.kind ?? (key.includes('/') ? 'cell' : 'frame'),
    key,
    label,
    target: { parentId: key.split('/')[0]!, box: { x: 0, y: 0, w: 400, h: 300 } },
    places: contents.places ?? [],
    notes: contents.notes ?? [],
  }
}

export function outlineOf(places: OutlinePlace[]): Outline {
  const notes = new Map<string, { note: OutlineNote; placeKey: string }>()
  const placesByKey = new Map<string, OutlinePlace>()
  const visit = (at: OutlinePlace) => {
    placesByKey.set(at.key, at)
    for (const inner of at.notes) notes.set(inner.id, { note: inner, placeKey: at.key })
    at.places.forEach(visit)
  }
  places.forEach(visit)
  return { places, notes, placesByKey }
}
