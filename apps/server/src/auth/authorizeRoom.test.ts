import { describe, expect, it } from 'vitest'
import type { BoardRole } from '@cg/contract'
import { issueAccess, linkStampOf, rotateAccess } from './boardAccess.ts'
import {
  isExpiringLinkConnection,
  isReplacedLinkConnection,
  plenariesOf,
  type ConnectionGrant,
} from './authorizeRoom.ts'

describe('connections whose links were replaced', () => {
  const { access, tokens } = issueAccess()
  const grant = (role: BoardRole, plenaryId = 'p1'): ConnectionGrant => ({
    plenaryId,
    role,
    linkStamp: linkStampOf(access, role),
  })
  const connections = [grant('facilitator'), grant('editor'), grant('viewer'), grant('viewer', 'p2')]
  const exportToken: ConnectionGrant = { plenaryId: 'p1', role: 'viewer', linkStamp: null }

  it('are found by comparing the link each was let in with to the links stored now', () => {
    const rotated = rotateAccess(tokens.facilitator).access
    const replaced = isReplacedLinkConnection(new Map([['p1', rotated]]))
    // Editor and viewer links were replaced; the facilitator's was kept; p2 was not looked up, so is left alone.
    expect(connections.map((connection) => replaced('room', connection))).toEqual([false, true, true, false])
    expect(replaced('room', exportToken)).toBe(false)
  })

  it('include every link of a board whose facilitator link was replaced too, or that is gone', () => {
    const renewed = issueAccess().access
    expect(connections.map((c) => isReplacedLinkConnection(new Map([['p1', renewed]]))('room', c))).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(isReplacedLinkConnection(new Map([['p1', undefined]]))('room', grant('editor'))).toBe(true)
    expect(isReplacedLinkConnection(new Map([['p1', access]]))('room', grant('editor'))).toBe(false)
  })

  it('are looked up once per board that has connections with links', () => {
    expect([...plenariesOf([...connections, exportToken, undefined])]).toEqual(['p1', 'p2'])
  })

  it('when links expire: the participant and viewer connections of that workshop, not its facilitator’s or the renderer’s', () => {
    const renderer: ConnectionGrant = { ...exportToken, internal: true }
    const expiring = isExpiringLinkConnection('p1')
    expect(connections.map((connection) => expiring('room', connection))).toEqual([false, true, true, false])
    expect(expiring('room', renderer)).toBe(false)
    expect(expiring('room', undefined)).toBe(false)
  })
})
