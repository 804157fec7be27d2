/**
 * Roles a board link opens. The server enforces them on the wire; the web client only uses them to shape its
 * UI: the client is never trusted with enforcement.
 */
export const BOARD_ROLES = ['facilitator', 'editor', 'viewer'] as const
export type BoardRole = (typeof BOARD_ROLES)[number]

const RANK: Record<BoardRole, number> = { viewer: 0, editor: 1, facilitator: 2 }

export function isBoardRole(value: unknown): value is BoardRole {
  return typeof value === 'string' && (BOARD_ROLES as readonly string[]).includes(value)
}

/** Whether `role` may do what `minimum` may (a facilitator may do all an editor may, and so on). */
export function hasRole(role: BoardRole, minimum: BoardRole): boolean {
  return RANK[role] >= RANK[minimum]
}

/** Facilitators and editors change the board; viewers watch it live. */
export function canEditBoard(role: BoardRole): boolean {
  return hasRole(role, 'editor')
}
