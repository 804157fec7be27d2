import { describe, expect, it } from 'vitest'
import { boardSchema } from '@cg/board-rules'
import { canWriteTo, WRITTEN_VERSIONS } from './schemaVersions.ts'

describe('which boards the outline writes into', () => {
  it('writes the record versions of the board schema tldraw builds now (an upgrade fails here first)', () => {
    const sequences = boardSchema.serialize().sequences
    for (const [sequence, version] of Object.entries(WRITTEN_VERSIONS))
      expect(sequences[sequence], sequence).toBe(version)
    expect(canWriteTo(boardSchema.serialize())).toBe(true)
  })

  it('writes only where the stored versions of what it writes are its own', () => {
    const current = boardSchema.serialize()
    const at = (sequence: string, version: number) => ({
      ...current,
      sequences: { ...current.sequences, [sequence]: version },
    })
    expect(canWriteTo(at('com.tldraw.shape.note', 12))).toBe(false)
    expect(canWriteTo(at('com.tldraw.shape.note', 14))).toBe(false)
    expect(canWriteTo(at('com.tldraw.shape', 5))).toBe(false)
    expect(canWriteTo(at('com.tldraw.shape.geo', 11))).toBe(false)
    // A type it never writes, older or newer: its records are left as they are.
    expect(canWriteTo(at('com.tldraw.shape.arrow', 1))).toBe(true)
    expect(canWriteTo({ schemaVersion: 1, storeVersion: 4, recordVersions: {} })).toBe(false)
    for (const missing of [undefined, null, 'schema', 2, { schemaVersion: 2 }, { schemaVersion: 2, sequences: null }])
      expect(canWriteTo(missing)).toBe(false)
  })
})
