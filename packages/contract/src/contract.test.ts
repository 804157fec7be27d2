import { describe, expect, it } from 'vitest'
import { ApiErrorCode, apiErrorCodeOf } from './apiErrors.ts'
import { DEFAULT_PRINT_OPTIONS, printHash, printOptionsFromHash } from './printOptions.ts'
import { isLanguageCode, LANGUAGE_CODES, textDirection } from './languages.ts'
import { BOARD_ROLES, canEditBoard, hasRole, isBoardRole } from './roles.ts'
import { parseRoomName, privateRoomPrefix, roomName } from './rooms.ts'

const id = 'AAAAAAAAAAAAAAAAAAAAAA'
const key = 'BBBBBBBBBBBBBBBBBBBBBB'

describe('room names', () => {
  it('round-trip every channel', () => {
    for (const room of [
      { channel: 'board', boardId: id },
      { channel: 'facilitation', boardId: id },
      { channel: 'private', boardId: id, key },
    ] as const) {
      expect(parseRoomName(roomName(room))).toEqual(room)
    }
    expect(roomName({ channel: 'private', boardId: id, key }).startsWith(privateRoomPrefix(id))).toBe(true)
  })

  it('refuse anything else', () => {
    for (const name of ['', id.slice(1), `${id}:other`, `${id}:private:`, `${id}:private:short`, `${id}/x`]) {
      expect(parseRoomName(name)).toBeUndefined()
    }
  })

  it('know which roles edit', () => {
    expect(['facilitator', 'editor', 'viewer'].map((role) => isBoardRole(role) && canEditBoard(role))).toEqual([
      true,
      true,
      false,
    ])
    expect(isBoardRole('admin')).toBe(false)
  })
})

describe('roles', () => {
  it('rank facilitator over editor over viewer', () => {
    const allowed = BOARD_ROLES.map((role) => BOARD_ROLES.filter((minimum) => hasRole(role, minimum)))
    expect(allowed).toEqual([['facilitator', 'editor', 'viewer'], ['editor', 'viewer'], ['viewer']])
  })
})

describe('languages', () => {
  it('are the four of the product, Arabic right to left', () => {
    expect(LANGUAGE_CODES).toEqual(['en', 'fr', 'es', 'ar'])
    expect(LANGUAGE_CODES.map(textDirection)).toEqual(['ltr', 'ltr', 'ltr', 'rtl'])
    expect([isLanguageCode('ar'), isLanguageCode('de'), isLanguageCode(undefined)]).toEqual([true, false, false])
  })
})

describe('API errors', () => {
  it('are read from a response body only when they are ours', () => {
    expect(apiErrorCodeOf({ error: { code: 'backup-damaged', message: '…' } })).toBe(ApiErrorCode.backupDamaged)
    for (const body of [null, 'text', {}, { error: 'x' }, { error: { code: 'made-up' } }]) {
      expect(apiErrorCodeOf(body)).toBeUndefined()
    }
  })
})

describe('print options', () => {
  it("travel in the print view's fragment and back, with the token", () => {
    const options = {
      paper: 'letter',
      orientation: 'portrait',
      overview: false,
      report: true,
      lang: 'ar',
      format: 'docx',
    } as const
    const hash = `#${printHash(options, 'secret')}`
    expect(printOptionsFromHash(hash)).toEqual(options)
    expect(new URLSearchParams(hash.slice(1)).get('token')).toBe('secret')
  })

  it('read as the defaults when missing or unknown', () => {
    expect(printOptionsFromHash('')).toEqual(DEFAULT_PRINT_OPTIONS)
    expect(printOptionsFromHash('#paper=a3&lang=de&report=yes')).toEqual(DEFAULT_PRINT_OPTIONS)
  })
})
