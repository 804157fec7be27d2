import { describe, expect, it } from 'vitest'
import { boardDatabases, planForgetting, tokenOfLink, workshopBoardIds, type DeviceSnapshot } from './boardTraces.ts'

// Board ids and keys are 22 characters of base64url, as the server and privateKey.ts make them.
const PLENARY = 'P'.repeat(21) + '1'
const GROUP_A = 'A'.repeat(21) + '1'
const GROUP_B = 'B'.repeat(21) + '1'
const OTHER = 'O'.repeat(21) + '1'
const KEY_P = 'k'.repeat(21) + 'p'
const KEY_A = 'k'.repeat(21) + 'a'
const KEY_O = 'k'.repeat(21) + 'o'
const link = (id: string, token: string) => `/b/${id}#token=${token}`

/** A participant who opened the plenary, was sent to group A, and also knows another workshop. */
function device(overrides: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  return {
    kept: [
      { id: PLENARY, parentId: null, token: 'editor', storageKey: `cg.offlineBoard.${PLENARY}` },
      { id: GROUP_A, parentId: PLENARY, token: 'editor', storageKey: `cg.offlineBoard.${GROUP_A}` },
      { id: OTHER, parentId: null, token: 'other', storageKey: `cg.offlineBoard.${OTHER}` },
    ],
    recent: [
      { id: GROUP_A, link: link(GROUP_A, 'editor') },
      { id: PLENARY, link: link(PLENARY, 'editor') },
      { id: OTHER, link: link(OTHER, 'other') },
    ],
    localStorageKeys: [
      'cg.identity',
      'cg.language',
      'cg.recentBoards',
      `cg.offlineBoard.${PLENARY}`,
      `cg.offlineBoard.${GROUP_A}`,
      `cg.offlineBoard.${OTHER}`,
      `cg.privateKey.${PLENARY}`,
      `cg.privateKey.${GROUP_A}`,
      `cg.privateKey.${OTHER}`,
    ],
    sessionStorage: [
      ['cg.movedToBreakout.1765130000000', GROUP_A],
      ['cg.wasInGroup.1765130000000', '1'],
      ['TLDRAW_TAB_ID_v2', 'abc'],
    ],
    databases: [
      `cg-board-${PLENARY}`,
      `cg-board-${PLENARY}:facilitation`,
      `cg-board-${PLENARY}:private:${KEY_P}`,
      `cg-board-${GROUP_A}`,
      `cg-board-${GROUP_A}:private:${KEY_A}`,
      `cg-board-${OTHER}`,
      `cg-board-${OTHER}:facilitation`,
      `cg-board-${OTHER}:private:${KEY_O}`,
      'some-other-database',
    ],
    privateKeys: { [PLENARY]: KEY_P, [GROUP_A]: KEY_A },
    ...overrides,
  }
}

describe('what this device forgets of a deleted workshop', () => {
  it('finds the whole workshop from any of its boards: the plenary first, then its breakouts', () => {
    const { kept } = device()
    expect(workshopBoardIds(PLENARY, kept)).toEqual([PLENARY, GROUP_A])
    expect(workshopBoardIds(GROUP_A, kept)).toEqual([PLENARY, GROUP_A])
    // A breakout this device never opened, learnt of by its own link only.
    expect(workshopBoardIds(GROUP_B, kept)).toEqual([GROUP_B])
  })

  it('deletes every room a board was cached in, listed or not, and nothing of another board', () => {
    const listed = device().databases
    expect(boardDatabases(PLENARY, listed, KEY_P).sort()).toEqual(
      [`cg-board-${PLENARY}`, `cg-board-${PLENARY}:facilitation`, `cg-board-${PLENARY}:private:${KEY_P}`].sort(),
    )
    // A private room made with a key this device no longer keeps is still found in the list.
    expect(boardDatabases(PLENARY, [`cg-board-${PLENARY}:private:${KEY_O}`], undefined)).toContain(
      `cg-board-${PLENARY}:private:${KEY_O}`,
    )
    // Where the browser cannot list its databases: the names this device would have used.
    expect(boardDatabases(GROUP_A, null, KEY_A)).toEqual([
      `cg-board-${GROUP_A}`,
      `cg-board-${GROUP_A}:facilitation`,
      `cg-board-${GROUP_A}:private:${KEY_A}`,
    ])
    expect(boardDatabases(PLENARY, [`cg-board-${PLENARY}x`, `cg-board-${OTHER}`], undefined)).toEqual([
      `cg-board-${PLENARY}`,
      `cg-board-${PLENARY}:facilitation`,
    ])
  })

  it('deleted: forgets every trace of the workshop, from a breakout as from the plenary, and keeps the rest', () => {
    for (const from of [PLENARY, GROUP_A]) {
      const plan = planForgetting(from, 'deleted', 'editor', device())
      expect(plan.boardIds).toEqual([PLENARY, GROUP_A])
      expect(plan.databases.sort()).toEqual(
        [
          `cg-board-${PLENARY}`,
          `cg-board-${PLENARY}:facilitation`,
          `cg-board-${PLENARY}:private:${KEY_P}`,
          `cg-board-${GROUP_A}`,
          `cg-board-${GROUP_A}:facilitation`,
          `cg-board-${GROUP_A}:private:${KEY_A}`,
        ].sort(),
      )
      expect(plan.localStorageKeys.sort()).toEqual(
        [
          `cg.offlineBoard.${PLENARY}`,
          `cg.offlineBoard.${GROUP_A}`,
          `cg.privateKey.${PLENARY}`,
          `cg.privateKey.${GROUP_A}`,
        ].sort(),
      )
      expect(plan.sessionStorageKeys).toEqual(['cg.movedToBreakout.1765130000000'])
      expect(plan.recentIds.sort()).toEqual([PLENARY, GROUP_A].sort())
    }
  })

  it('in the trash: the facilitator forgets the content but keeps the plenary’s entry to undo it from', () => {
    const plan = planForgetting(GROUP_A, 'in-trash', 'facilitator', device())
    expect(plan.recentIds).toEqual([GROUP_A])
    expect(plan.localStorageKeys).toContain(`cg.offlineBoard.${PLENARY}`)
    expect(plan.databases).toContain(`cg-board-${PLENARY}`)
  })

  it('link replaced: forgets the workshop’s copies and what was kept for that link, not the private keys', () => {
    const mine = device({
      recent: [
        { id: PLENARY, link: link(PLENARY, 'editor') },
        // Opened with the facilitator link, still valid: the home page keeps it.
        { id: GROUP_A, link: link(GROUP_A, 'facilitator') },
      ],
    })
    const plan = planForgetting(PLENARY, 'link-replaced', 'editor', mine)
    expect(plan.databases).toContain(`cg-board-${GROUP_A}:private:${KEY_A}`)
    expect(plan.localStorageKeys.sort()).toEqual([`cg.offlineBoard.${PLENARY}`, `cg.offlineBoard.${GROUP_A}`].sort())
    expect(plan.recentIds).toEqual([PLENARY])
    expect(plan.sessionStorageKeys).toEqual([])
  })

  it('link expired: forgets everything of the workshop but a home-page entry opened with another of its links', () => {
    const expired = planForgetting(
      GROUP_A,
      'link-expired',
      'editor',
      device({
        recent: [
          { id: GROUP_A, link: link(GROUP_A, 'editor') },
          // Opened with the facilitator's link of the same workshop, on the same device: it never expires.
          { id: PLENARY, link: link(PLENARY, 'facilitator') },
          { id: OTHER, link: link(OTHER, 'editor') },
        ],
      }),
    )
    const deleted = planForgetting(GROUP_A, 'deleted', 'editor', device())
    expect(expired.databases.sort()).toEqual(deleted.databases.sort())
    expect(expired.localStorageKeys.sort()).toEqual(deleted.localStorageKeys.sort())
    expect(expired.localStorageKeys).toContain(`cg.privateKey.${PLENARY}`)
    expect(expired.sessionStorageKeys).toEqual(['cg.movedToBreakout.1765130000000'])
    expect(expired.recentIds).toEqual([GROUP_A])
    // A participant who only had the expired link: the home page no longer lists the workshop at all.
    const onlyExpired = planForgetting(PLENARY, 'link-expired', 'editor', device())
    expect(onlyExpired.recentIds.sort()).toEqual([PLENARY, GROUP_A].sort())
  })

  it('reads the token of a board link', () => {
    expect(tokenOfLink(link(PLENARY, 'abc'))).toBe('abc')
    expect(tokenOfLink(`/b/${PLENARY}`)).toBe('')
  })
})
