import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../../../test/support/csv.ts'
import { BYTE_ORDER_MARK, csvCell, toCsv } from './auditCsv.ts'

describe('the audit log as CSV', () => {
  it('starts with a byte order mark and reads back cell for cell, Arabic, quotes, commas and line breaks intact', () => {
    const rows = [
      ['2026-03-01T09:00:00.000Z', 'joined', 'مريم', 'editor', null],
      ['2026-03-01T09:05:00.000Z', 'version-saved', 'Ahmed "the scribe", team 2', 'facilitator', 'Before\nvoting'],
    ]
    const csv = toCsv(['time', 'event', 'name', 'role', 'detail'], rows)
    expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(parseCsv(csv.slice(1))).toEqual([
      ['time', 'event', 'name', 'role', 'detail'],
      ...rows.map((row) => row.map((cell) => cell ?? '')),
    ])
  })

  it('neutralises every cell a spreadsheet would take for a formula', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = parseCsv(`${csvCell(formula)}\r\n`)[0]![0]!
      expect(cell).toBe(`'${formula}`)
    }
    // Only a formula's first character matters: the rest of a name is left as typed.
    expect(csvCell('Nadia = facilitator')).toBe('"Nadia = facilitator"')
    expect(csvCell('مريم-2')).toBe('"مريم-2"')
    expect(csvCell(null)).toBe('""')
  })
})
