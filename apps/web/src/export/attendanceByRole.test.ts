import { describe, expect, it } from 'vitest'
import { attendanceByRole } from './attendanceByRole.ts'

describe('who came, for the report cover', () => {
  it('names the participants and counts facilitators and observers apart', () => {
    expect(
      attendanceByRole([
        { name: 'Fatima', role: 'facilitator' },
        { name: 'Amina', role: 'editor' },
        { name: 'Victor', role: 'viewer' },
        { name: 'ليلى', role: 'editor' },
        { name: 'Seen before roles' },
      ]),
    ).toEqual({ participants: ['Amina', 'ليلى', 'Seen before roles'], facilitators: 1, viewers: 1 })
    expect(attendanceByRole([])).toEqual({ participants: [], facilitators: 0, viewers: 0 })
  })
})
