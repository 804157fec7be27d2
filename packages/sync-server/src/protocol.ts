import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { CloseReason, REFUSAL_MESSAGE_TYPE } from '@cg/contract'

/** y-websocket's outer message types (first varUint of every frame). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
/** y-protocols' sync sub-types. */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const

export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /** An update, with what Yjs decodes of it (decoded once here; every check of the room reads this). */
  | { kind: 'update'; update: Uint8Array; decoded: ReturnType<typeof Y.decodeUpdate> }
  /** An update with nothing in it: every client sends one when it joins with nothing new. */
  | { kind: 'emptyUpdate' }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; reason: CloseReason }

/**
 * Decodes one frame from a client and checks that it is complete and well formed before anything acts on it:
 * updates must decode as Yjs updates, so nothing undecodable is ever applied or stored.
 * Sync step 2 and update carry the same payload (an update) and are treated alike.
 */
export function parseClientMessage(frame: Uint8Array): ParseResult {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    let message: ClientMessage
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === SyncType.step1) {
          Y.decodeStateVector(payload)
          message = { kind: 'syncStep1', stateVector: payload }
        } else if (syncType === SyncType.step2 || syncType === SyncType.update) {
          const decoded = decodeUpdate(payload)
          if (decoded === null) return { ok: false, reason: CloseReason.invalidUpdate }
          const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0
          message = empty ? { kind: 'emptyUpdate' } : { kind: 'update', update: payload, decoded }
        } else {
          return { ok: false, reason: CloseReason.unknownMessageType }
        }
        break
      }
      case MessageType.awareness:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case MessageType.queryAwareness:
        message = { kind: 'queryAwareness' }
        break
      default:
        return { ok: false, reason: CloseReason.unknownMessageType }
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: CloseReason.malformedMessage }
    return { ok: true, message }
  } catch {
    return { ok: false, reason: CloseReason.malformedMessage }
  }
}

function decodeUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> | null {
  try {
    return Y.decodeUpdate(update)
  } catch {
    return null
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.step2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  return encoding.toUint8Array(encoder)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Tells a peer that the room did not accept its change, and why (see @cg/contract REFUSAL_MESSAGE_TYPE). */
export function encodeRefusal(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, REFUSAL_MESSAGE_TYPE)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness update with only the entries `keep` lets through, each with the state `keep` returns for it (the
 * same JSON, or one it rewrote), in y-protocols' format: a count, then per entry the client id, its clock and its
 * state as JSON. Null when none is left. Throws on a malformed update.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  keep: (clientId: number, stateJson: string, clock: number) => string | null,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const kept: { clientId: number; clock: number; state: string }[] = []
  let rewritten = false
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    const next = keep(clientId, state, clock)
    if (next === null) continue
    if (next !== state) rewritten = true
    kept.push({ clientId, clock, state: next })
  }
  if (kept.length === 0) return null
  if (kept.length === count && !rewritten) return update
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}

/** A presence state as an object, or null for a leaving peer's state (`null`) and anything else. Throws on bad JSON. */
export function presenceObject(stateJson: string): Record<string, unknown> | null {
  const state: unknown = JSON.parse(stateJson)
  return typeof state === 'object' && state !== null && !Array.isArray(state)
    ? (state as Record<string, unknown>)
    : null
}

/**
 * A presence state with `fields` written over it: what the server vouches for (a connection's role), which no
 * peer can claim for itself. A leaving peer's state (`null`) and anything that is not an object stay as they are.
 * `state` is the state parsed already, when the caller has it.
 */
export function stampPresence(
  stateJson: string,
  fields: Record<string, unknown>,
  state = presenceObject(stateJson),
): string {
  return state ? JSON.stringify({ ...state, ...fields }) : stateJson
}
