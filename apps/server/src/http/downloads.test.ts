import { describe, expect, it } from 'vitest'
import { attachment, safeFileStem } from './downloads.ts'

describe('download names', () => {
  it('keep letters of every script, drop what a file system refuses', () => {
    expect(safeFileStem('Plan: WASH / Health 2026?')).toBe('Plan-WASH-Health-2026')
    expect(safeFileStem('خطة البرنامج المشترك')).toBe('خطة-البرنامج-المشترك')
    expect(safeFileStem('../../etc/passwd')).toBe('etcpasswd')
    expect(safeFileStem('***')).toBe('board')
    expect(safeFileStem('Vision statement', 6)).toBe('Vision')
  })

  it('carry an ASCII fallback and the UTF-8 name (RFC 6266)', () => {
    expect(attachment('board.pdf', 'Éducation.pdf')).toBe(
      `attachment; filename="board.pdf"; filename*=UTF-8''%C3%89ducation.pdf`,
    )
  })
})
