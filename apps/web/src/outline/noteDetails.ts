import type { OutlineNote } from '@cg/outline'

/** The words a note's details are said with, in the reader's language. */
export interface NoteDetailWords {
  sectorName: (sectorId: string) => string | undefined
  byAuthor: (name: string) => string
  privateDraft: string
  writtenTogether: string
  votes: (count: number) => string
}

/**
 * What the outline says of a note after its words: its sector, its author where the board names one, that it is
 * this person's private draft or written together, and its votes once a vote has ended. In that order, so the
 * text comes first and the rest can be skipped.
 */
export function noteDetails(note: OutlineNote, words: NoteDetailWords): string[] {
  const details: string[] = []
  const sector = note.sector === undefined ? undefined : (words.sectorName(note.sector) ?? note.sector)
  if (sector) details.push(sector)
  if (note.author) details.push(words.byAuthor(note.author))
  if (note.private) details.push(words.privateDraft)
  if (note.codraft) details.push(words.writtenTogether)
  if (note.votes !== undefined) details.push(words.votes(note.votes))
  return details
}
