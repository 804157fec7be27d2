import type { Outline, OutlineEntry, OutlineNote, OutlinePlace } from '@cg/outline'
import type { TreeItem } from './treeModel.ts'

/** An outline entry as an item of the tree: a place (its places, then its notes) or a note. */
export interface OutlineItem extends TreeItem {
  entry: OutlineEntry
  children: OutlineItem[]
  /** Notes in a place, its inner places' included (0 for a note). */
  noteCount: number
}

/** The outline as tree items, in reading order; `emptyNote` names a note without words (for type-ahead). */
export function outlineItems(outline: Outline, emptyNote: string): OutlineItem[] {
  const noteItem = (note: OutlineNote): OutlineItem => ({
    key: note.id,
    label: note.text.trim() || emptyNote,
    entry: note,
    children: [],
    noteCount: 0,
  })
  const placeItem = (place: OutlinePlace): OutlineItem => {
    const children = [...place.places.map(placeItem), ...place.notes.map(noteItem)]
    const inner = children.reduce((sum, child) => sum + child.noteCount, 0)
    return { key: place.key, label: place.label, entry: place, children, noteCount: inner + place.notes.length }
  }
  return outline.places.map(placeItem)
}

/** Every item by key, for what the page looks up from a key (the focused item, a person's place). */
export function itemsByKey(items: readonly OutlineItem[]): Map<string, OutlineItem> {
  const byKey = new Map<string, OutlineItem>()
  const visit = (item: OutlineItem) => {
    byKey.set(item.key, item)
    item.children.forEach(visit)
  }
  items.forEach(visit)
  return byKey
}

/** A place's name with the frames above it ("Logframe › Output: education, Indicators"), where it is not obvious. */
export interface NamedPlace {
  place: OutlinePlace
  /** The top-level place it is in (itself for a top-level place). */
  top: OutlinePlace
}

/** Every place a note can go to (one with a target), grouped under its top-level place, in reading order. */
export function placesToAddTo(outline: Outline): NamedPlace[] {
  const found: NamedPlace[] = []
  for (const top of outline.places) {
    const visit = (place: OutlinePlace) => {
      if (place.target) found.push({ place, top })
      place.places.forEach(visit)
    }
    visit(top)
  }
  return found
}
