import type { BoardRole } from '@cg/contract'

export interface AttendanceByRole {
  /** Participants' names, as they gave them, in the order they came. */
  participants: string[]
  facilitators: number
  viewers: number
}

/**
 * Who came, for the report's cover: participants by name, facilitators and observers counted apart. Someone seen
 * before roles were recorded counts as a participant.
 */
export function attendanceByRole(attendance: readonly { name: string; role?: BoardRole }[]): AttendanceByRole {
  return {
    participants: attendance
      .filter((person) => person.role === undefined || person.role === 'editor')
      .map((person) => person.name),
    facilitators: attendance.filter((person) => person.role === 'facilitator').length,
    viewers: attendance.filter((person) => person.role === 'viewer').length,
  }
}
