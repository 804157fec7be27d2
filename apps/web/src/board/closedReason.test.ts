import { describe, expect, it } from 'vitest'
import { CloseCode, CloseReason } from '@cg/contract'
import { closedReasonOf } from './BoardConnection.ts'

describe('what a close from the server means for the page', () => {
  it('tells a deleted workshop (4410) from a board that is not there (4404)', () => {
    expect(closedReasonOf(CloseCode.Gone, CloseReason.boardDeleted)).toBe(CloseReason.boardDeleted)
    expect(closedReasonOf(CloseCode.NotFound, CloseReason.boardNotFound)).toBe(CloseReason.boardNotFound)
  })

  it('tells a replaced link and an expired one from a wrong one, and anything else from all three', () => {
    expect(closedReasonOf(CloseCode.Unauthorized, CloseReason.linkRotated)).toBe(CloseReason.linkRotated)
    expect(closedReasonOf(CloseCode.Unauthorized, CloseReason.linkExpired)).toBe(CloseReason.linkExpired)
    expect(closedReasonOf(CloseCode.Unauthorized, CloseReason.invalidToken)).toBe(CloseReason.invalidToken)
    expect(closedReasonOf(CloseCode.Forbidden, CloseReason.privateRoomsFull)).toBe(CloseReason.privateRoomsFull)
    expect(closedReasonOf(CloseCode.Forbidden, CloseReason.roleForbidden)).toBe('server-refused')
  })
})
