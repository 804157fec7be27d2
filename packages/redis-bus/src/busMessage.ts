import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { BusUpdates } from '@cg/sync-server'

/**
 * One message on a room's channel, with the process that sent it (a process ignores its own) and when (ms since
 * the epoch: how late it arrives is the bus's lag, for the operator's metrics).
 */
export type BusMessage =
  | ({ kind: 'updates'; from: string; sentAt: number } & BusUpdates)
  | { kind: 'awareness'; from: string; sentAt: number; update: Uint8Array }

const UPDATES = 0
const AWARENESS = 1

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, message.kind === 'updates' ? UPDATES : AWARENESS)
  encoding.writeVarString(encoder, message.from)
  encoding.writeVarUint(encoder, message.sentAt)
  if (message.kind === 'updates') {
    encoding.writeVarUint(encoder, message.firstSeq)
    encoding.writeVarUint(encoder, message.lastSeq)
  }
  encoding.writeVarUint8Array(encoder, message.update)
  return encoding.toUint8Array(encoder)
}

/** The message, or null for anything that is not one of ours (whoever else publishes on the channel). */
export function decodeBusMessage(bytes: Uint8Array): BusMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    const kind = decoding.readVarUint(decoder)
    const from = decoding.readVarString(decoder)
    const sentAt = decoding.readVarUint(decoder)
    if (kind === UPDATES) {
      const firstSeq = decoding.readVarUint(decoder)
      const lastSeq = decoding.readVarUint(decoder)
      const update = decoding.readVarUint8Array(decoder)
      if (firstSeq < 1 || lastSeq < firstSeq || decoding.hasContent(decoder)) return null
      return { kind: 'updates', from, sentAt, firstSeq, lastSeq, update }
    }
    if (kind === AWARENESS) {
      const update = decoding.readVarUint8Array(decoder)
      return decoding.hasContent(decoder) ? null : { kind: 'awareness', from, sentAt, update }
    }
    return null
  } catch {
    return null
  }
}
