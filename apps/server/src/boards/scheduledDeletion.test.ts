import { describe, expect, it } from 'vitest'
import { dueFor } from './scheduledDeletion.ts'

const plenary = { id: 'p', title: 'Workshop', createdAt: 100, parentId: null }

describe('when a workshop is due for the trash', () => {
  it('on its deletion date, whatever idle retention says', () => {
    const dated = { ...plenary, retention: { deleteOn: 1_000, linksExpireAt: null } }
    expect(dueFor(dated, 999, undefined)).toBeNull()
    expect(dueFor(dated, 1_000, undefined)).toBe('scheduled')
    expect(dueFor({ ...dated, openedAt: 990 }, 1_000, 500)).toBe('scheduled')
  })

  it('once nobody opened it since the idle limit, counted from its creation until someone does', () => {
    expect(dueFor(plenary, 5_000, undefined)).toBeNull()
    expect(dueFor(plenary, 5_000, 100)).toBeNull()
    expect(dueFor(plenary, 5_000, 101)).toBe('idle')
    expect(dueFor({ ...plenary, openedAt: 400 }, 5_000, 300)).toBeNull()
    expect(dueFor({ ...plenary, openedAt: 400 }, 5_000, 401)).toBe('idle')
  })

  it('never for a breakout (it goes with its workshop) or a workshop already in the trash', () => {
    expect(dueFor({ ...plenary, parentId: 'x' }, 5_000, 5_000)).toBeNull()
    expect(dueFor({ ...plenary, deletion: { deletedAt: 1, purgeAt: 2 } }, 5_000, 5_000)).toBeNull()
  })
})
