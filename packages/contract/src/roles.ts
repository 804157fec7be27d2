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

/**
 * The field of every presence (awareness) state where the server writes the role the sender's link opened,
 * over whatever the sender put there: peers can tell a viewer from a participant without trusting the viewer.
 */
export const PRESENCE_ROLE_FIELD = 'role'

/** The role the server vouched for in a peer's presence state, if any. */
export function presenceRole(state: unknown): BoardRole | undefined {
  const role = (state as Record<string, unknown> | null | undefined)?.[PRESENCE_ROLE_FIELD]
  return isBoardRole(role) ? role : undefined
}
