import type { Request } from 'express'
import { describe, expect, it } from 'vitest'
import { DISPLAY_NAME_HEADER } from '@cg/contract'
import { AUDIT_EVENT_ID, auditEventId, cleanDisplayName, displayNameOf } from './auditTrail.ts'

/** A request with the display-name header (or without it), as far as displayNameOf reads one. */
const requestWith = (header: string | undefined) => ({
  get: ((name: string) => (name === DISPLAY_NAME_HEADER ? header : undefined)) as Request['get'],
})

describe('audit entry ids', () => {
  it('look as checked from outside, and sort like their times', () => {
    const times = [0, 1, 999, 1_700_000_000_000, 1_700_000_000_001, 4_102_444_800_000]
    const ids = times.map(auditEventId)
    for (const id of ids) expect(id).toMatch(AUDIT_EVENT_ID)
    expect([...ids].sort()).toEqual(ids)
    expect(auditEventId(5)).not.toBe(auditEventId(5))
  })
})

describe('the name a person gave', () => {
  it('is read from the header, URI-decoded, without control characters, cut to 80 characters', () => {
    expect(displayNameOf(requestWith(encodeURIComponent('مريم')))).toBe('مريم')
    expect(displayNameOf(requestWith(encodeURIComponent(' Nadia\u0007\n ')))).toBe('Nadia')
    expect(displayNameOf(requestWith(undefined))).toBeNull()
    expect(displayNameOf(requestWith('%E0%A4%A'))).toBeNull()
    expect(displayNameOf(requestWith(encodeURIComponent('\n\t')))).toBeNull()
    expect([...cleanDisplayName('😀'.repeat(100))!]).toHaveLength(80)
  })
})
