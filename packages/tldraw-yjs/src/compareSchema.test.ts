import { describe, expect, it } from 'vitest'
import { compareSchema } from './compareSchema.ts'
import { createTestStore } from './test/createTestStore.ts'

const schema = createTestStore().schema
const current = schema.serialize()

describe('compareSchema', () => {
  it('tells same, older, newer and missing apart', () => {
    expect(compareSchema(schema, current)).toEqual({ status: 'same' })
    expect(compareSchema(schema, undefined)).toEqual({ status: 'missing' })
    const note = current.sequences['com.tldraw.shape.note']!
    const older = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.note': note - 1 } }
    expect(compareSchema(schema, older)).toEqual({ status: 'older' })
    const newer = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.note': note + 1 } }
    expect(compareSchema(schema, newer).status).toBe('newer')
  })

  it('counts a doc without one of our sequences as older, and one with a sequence we lack as newer', () => {
    const { 'com.tldraw.shape.note': _, ...withoutNote } = current.sequences
    expect(compareSchema(schema, { schemaVersion: 2, sequences: withoutNote })).toEqual({ status: 'older' })
    const extra = { schemaVersion: 2, sequences: { ...current.sequences, 'com.example.sticker': 1 } }
    expect(compareSchema(schema, extra)).toMatchObject({ status: 'newer', reason: expect.stringContaining('sticker') })
  })

  it('treats what it cannot read as newer', () => {
    expect(compareSchema(schema, 'nonsense').status).toBe('newer')
    expect(compareSchema(schema, { schemaVersion: 2, sequences: { a: 'x' } }).status).toBe('newer')
  })
})
