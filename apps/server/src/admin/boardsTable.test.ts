import { describe, expect, it } from 'vitest'
import type { WorkshopSummary } from '@cg/storage'
import { boardsTable, humanBytes } from './boardsTable.ts'

const at = (iso: string) => Date.parse(iso)
const workshop = (board: Partial<WorkshopSummary['board']>, bytes = 0, breakouts = 0): WorkshopSummary => ({
  board: { id: 'id', title: 'Title', createdAt: at('2026-03-01T09:30:00Z'), parentId: null, ...board },
  breakouts,
  bytes,
})

describe('boardsTable', () => {
  it('shows each workshop on a line: last opened or never, and when it is deleted or purged', () => {
    const table = boardsTable([
      workshop({ id: 'never-opened', title: 'Plenary' }, 2_500, 3),
      workshop({
        id: 'opened',
        title: 'Due to go',
        openedAt: at('2026-03-02T10:00:00Z'),
        retention: { deleteOn: at('2026-03-31T00:00:00Z'), linksExpireAt: null },
      }),
      workshop({
        id: 'trashed',
        deletion: { deletedAt: at('2026-03-03T00:00:00Z'), purgeAt: at('2026-03-10T12:05:00Z') },
      }),
    ])
    expect(table.split('\n')).toEqual([
      'ID            TITLE      BREAKOUTS  SIZE     CREATED               LAST OPENED           DELETION',
      'never-opened  Plenary    3          2.4 KiB  2026-03-01 09:30 UTC  never',
      'opened        Due to go  0          0 B      2026-03-01 09:30 UTC  2026-03-02 10:00 UTC  on 2026-03-31 00:00 UTC',
      'trashed       Title      0          0 B      2026-03-01 09:30 UTC  never                 in the trash, purged 2026-03-10 12:05 UTC',
      '',
      '3 workshops (1 in the trash), 2.4 KiB in all',
      '',
    ])
  })

  it('keeps control characters of a title out of the terminal and cuts a long title', () => {
    const table = boardsTable([workshop({ title: `Evil\u001b[2J title ${'x'.repeat(60)}` })])
    const title = table.split('\n')[1]!.split(/\s{2,}/)[1]!
    expect(title).not.toMatch(/\p{Cc}/u)
    expect([...title]).toHaveLength(40)
    expect(title.endsWith('…')).toBe(true)
  })

  it('says so when there is no board, and counts sizes in binary units', () => {
    expect(boardsTable([])).toBe('No boards on this server.\n')
    expect([0, 1023, 1024, 5 * 1024 * 1024 + 1, 3 * 1024 ** 3].map(humanBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '5.0 MiB',
      '3.0 GiB',
    ])
  })
})
