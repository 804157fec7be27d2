import { describe, expect, it } from 'vitest'
import { ar, en } from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'
import { note } from './outlineFixture.ts'
import { noteDetails, type NoteDetailWords } from './noteDetails.ts'

const SECTORS: Record<string, { en: string; ar: string }> = { education: { en: 'Education', ar: 'التعليم' } }

const wordsIn = (code: 'en' | 'ar'): NoteDetailWords => {
  const messages = code === 'en' ? en : ar
  return {
    sectorName: (id) => SECTORS[id]?.[code],
    byAuthor: (name) => messages.outlineByAuthor.replace('{name}', name),
    privateDraft: messages.outlinePrivateDraft,
    writtenTogether: messages.outlineWrittenTogether,
    votes: (n) => plural(code, 'votes', n),
  }
}

describe('what the outline says of a note', () => {
  it('says its sector, author, private draft and votes, in the reader’s language', () => {
    const tagged = note('shape:a', 'Teachers trained', { sector: 'education', author: 'Amina', votes: 3 })
    expect(noteDetails(tagged, wordsIn('en'))).toEqual(['Education', 'by Amina', '3 votes'])
    expect(noteDetails(tagged, wordsIn('ar'))).toEqual(['التعليم', 'بقلم Amina', '3 أصوات'])
    expect(noteDetails(note('shape:b', 'Mine', { private: true }), wordsIn('en'))).toEqual(['private draft'])
  })

  it('says nothing more of a plain note; a vote with no sticker says so', () => {
    expect(noteDetails(note('shape:a', 'Plain'), wordsIn('en'))).toEqual([])
    expect(noteDetails(note('shape:a', 'None', { votes: 0 }), wordsIn('ar'))).toEqual(['لا أصوات'])
  })

  it('shows an unknown sector by its id rather than hide it', () => {
    expect(noteDetails(note('shape:a', 'x', { sector: 'shelter-nfi' }), wordsIn('en'))).toEqual(['shelter-nfi'])
  })

  it('marks a block written together', () => {
    expect(noteDetails(note('shape:v', 'Our vision', { codraft: true, editable: false }), wordsIn('en'))).toEqual([
      'written together',
    ])
  })
})
