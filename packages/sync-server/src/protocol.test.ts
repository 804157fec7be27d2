import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseReason } from '@cg/contract'
import { encodeSyncStep1, encodeUpdate, MessageType, parseClientMessage, SyncType } from './protocol.ts'

function frame(...parts: ((encoder: encoding.Encoder) => void)[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) part(encoder)
  return encoding.toUint8Array(encoder)
}

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

describe('parseClientMessage', () => {
  it('reads sync step 1 with its state vector', () => {
    const parsed = parseClientMessage(encodeSyncStep1(docWithText('a')))
    expect(parsed.ok && parsed.message.kind).toBe('syncStep1')
  })

  it('reads an update and sync step 2 alike, keeping the update bytes', () => {
    const update = Y.encodeStateAsUpdate(docWithText('hello'))
    const asUpdate = parseClientMessage(encodeUpdate(update))
    const asStep2 = parseClientMessage(
      frame(
        (e) => encoding.writeVarUint(e, MessageType.sync),
        (e) => encoding.writeVarUint(e, SyncType.step2),
        (e) => encoding.writeVarUint8Array(e, update),
      ),
    )
    for (const parsed of [asUpdate, asStep2]) {
      expect(parsed.ok && parsed.message.kind === 'update' && Array.from(parsed.message.update)).toEqual(
        Array.from(update),
      )
    }
  })

  it('recognises the empty update every joining client sends', () => {
    const parsed = parseClientMessage(encodeUpdate(Y.encodeStateAsUpdate(new Y.Doc())))
    expect(parsed.ok && parsed.message.kind).toBe('emptyUpdate')
  })

  it('reads awareness and query-awareness frames', () => {
    const awareness = parseClientMessage(
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) => encoding.writeVarUint8Array(e, new Uint8Array([0])),
      ),
    )
    expect(awareness.ok && awareness.message.kind).toBe('awareness')
    const query = parseClientMessage(frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness)))
    expect(query.ok && query.message.kind).toBe('queryAwareness')
  })

  it('refuses unknown message and sync types', () => {
    expect(parseClientMessage(frame((e) => encoding.writeVarUint(e, 77)))).toEqual({
      ok: false,
      reason: CloseReason.unknownMessageType,
    })
    const badSync = frame(
      (e) => encoding.writeVarUint(e, MessageType.sync),
      (e) => encoding.writeVarUint(e, 9),
      (e) => encoding.writeVarUint8Array(e, new Uint8Array([0, 0])),
    )
    expect(parseClientMessage(badSync)).toEqual({ ok: false, reason: CloseReason.unknownMessageType })
  })

  it('refuses truncated frames, empty frames and trailing bytes', () => {
    const whole = encodeUpdate(Y.encodeStateAsUpdate(docWithText('truncate me')))
    expect(parseClientMessage(whole.slice(0, whole.length - 3))).toEqual({
      ok: false,
      reason: CloseReason.malformedMessage,
    })
    expect(parseClientMessage(new Uint8Array())).toEqual({ ok: false, reason: CloseReason.malformedMessage })
    const trailing = new Uint8Array([...encodeSyncStep1(new Y.Doc()), 1, 2, 3])
    expect(parseClientMessage(trailing)).toEqual({ ok: false, reason: CloseReason.malformedMessage })
  })

  it('refuses a well-framed update whose content does not decode', () => {
    const garbage = encodeUpdate(new Uint8Array([5, 200, 1, 7, 7, 7]))
    expect(parseClientMessage(garbage)).toEqual({ ok: false, reason: CloseReason.invalidUpdate })
  })
})
