import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readConfig } from './config.ts'

describe('readConfig', () => {
  it('runs on its defaults with no environment at all', () => {
    const result = readConfig({})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      maxAssetBytes: 10 * 1024 * 1024,
      logLevel: 'info',
      chromiumPath: '/usr/bin/chromium',
      unusedFileMs: 7 * 24 * 3_600_000,
      fileSweepMs: 3_600_000,
      deletedBoardMs: 7 * 24 * 3_600_000,
      purgeSweepMs: 60_000,
      retainIdleMs: null,
    })
  })

  it('deletes idle workshops only when RETAIN_IDLE_DAYS is set, fractional days allowed', () => {
    const result = readConfig({ RETAIN_IDLE_DAYS: '0.25' })
    expect(result.ok && result.config.retainIdleMs).toBe(6 * 3_600_000)
    expect(readConfig({ RETAIN_IDLE_DAYS: '' })).toMatchObject({ ok: true, config: { retainIdleMs: null } })
    for (const days of ['0', '-3', 'a year', '4000']) {
      const refused = readConfig({ RETAIN_IDLE_DAYS: days })
      expect(!refused.ok && refused.errors[0]).toMatch(/^RETAIN_IDLE_DAYS: /)
    }
  })

  it('keeps a deleted workshop for a fractional number of days, and refuses none or a negative number', () => {
    const result = readConfig({ DELETED_BOARD_DAYS: '0.5', PURGE_SWEEP_MS: '250' })
    expect(result.ok && result.config).toMatchObject({ deletedBoardMs: 12 * 3_600_000, purgeSweepMs: 250 })
    for (const days of ['0', '-1', 'a week']) {
      const refused = readConfig({ DELETED_BOARD_DAYS: days })
      expect(!refused.ok && refused.errors[0]).toMatch(/^DELETED_BOARD_DAYS: /)
    }
    const noSweep = readConfig({ PURGE_SWEEP_MS: '0' })
    expect(!noSweep.ok && noSweep.errors[0]).toMatch(/^PURGE_SWEEP_MS: /)
  })

  it('reads numbers and addresses, and treats an empty variable as unset', () => {
    const result = readConfig({ PORT: '0', MAX_ASSET_BYTES: '2048', PUBLIC_URL: 'https://cg.example.org//', HOST: '' })
    expect(result.ok && result.config).toMatchObject({
      port: 0,
      maxAssetBytes: 2048,
      publicUrl: 'https://cg.example.org',
      host: '127.0.0.1',
    })
  })

  it('names every bad setting', () => {
    const result = readConfig({ PORT: '70000', MAX_ASSET_BYTES: '-1', LOG_LEVEL: 'loud', PUBLIC_URL: 'not a url' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((error) => error.split(':')[0]).sort()).toEqual([
      'LOG_LEVEL',
      'MAX_ASSET_BYTES',
      'PORT',
      'PUBLIC_URL',
    ])
  })

  it('keeps an unused file for a fractional number of days, and refuses no grace at all', () => {
    const result = readConfig({ UNUSED_FILE_DAYS: '0.25', FILE_SWEEP_MS: '500' })
    expect(result.ok && result.config).toMatchObject({ unusedFileMs: 6 * 3_600_000, fileSweepMs: 500 })
    for (const [name, value] of [
      ['UNUSED_FILE_DAYS', '0'],
      ['UNUSED_FILE_DAYS', '-2'],
      ['FILE_SWEEP_MS', '0'],
    ] as const) {
      const refused = readConfig({ [name]: value })
      expect(!refused.ok && refused.errors[0]).toMatch(new RegExp(`^${name}: `))
    }
  })
})
