import { describe, expect, it } from 'vitest'
import { BOARD_ROLES } from '@cg/contract'
import { makesPrivateDrafts } from './privateDrafting.ts'

describe('makesPrivateDrafts', () => {
  it('makes private drafts only for a participant with a private room, while private mode is on', () => {
    const drafting = BOARD_ROLES.flatMap((role) =>
      [true, false].flatMap((privateModeOn) =>
        [true, false].flatMap((hasPrivateRoom) =>
          makesPrivateDrafts({ privateModeOn, role, hasPrivateRoom }) ? [{ role, privateModeOn, hasPrivateRoom }] : [],
        ),
      ),
    )
    expect(drafting).toEqual([{ role: 'editor', privateModeOn: true, hasPrivateRoom: true }])
  })
})
