import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { splitUpdate } from './splitUpdate.ts'

/** y-websocket's message type for sync messages (step 1, step 2, update). */
const MESSAGE_SYNC = 0

/**
 * Makes a y-websocket provider send what the server lacks in messages of at most `maxBytes`: the answer to the
 * server's sync step 1 (a long offline backlog) and any one local change (a huge paste). The stock provider
 * sends each as one message, which a server with a message limit closes (1009) — and the client reconnects and
 * sends it again, for ever. Chunks go out as ordinary updates, in an order the server can apply one by one.
 */
export function sendInChunks(provider: WebsocketProvider, maxBytes: number): void {
  const stockSync = provider.messageHandlers[MESSAGE_SYNC]!
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, _provider, emitSynced, messageType) => {
    const peek = decoding.clone(decoder)
    if (decoding.readVarUint(peek) !== syncProtocol.messageYjsSyncStep1) {
      return stockSync(encoder, decoder, provider, emitSynced, messageType)
    }
    // The server's state vector: answer with what it lacks, split if large.
    decoding.readVarUint(decoder)
    const missing = Y.encodeStateAsUpdate(provider.doc, decoding.readVarUint8Array(decoder))
    const chunks = splitUpdate(missing, maxBytes)
    if (chunks.length === 1) {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, missing)
      return
    }
    // Nothing written to `encoder`: the provider sends it only if it holds more than the message type.
    for (const chunk of chunks) provider.ws?.send(updateMessage(chunk))
  }

  // Local changes: the stock handler wraps each in one message; a large one goes through it chunk by chunk.
  const stockUpdate = provider._updateHandler
  provider.doc.off('update', stockUpdate)
  provider._updateHandler = (update: Uint8Array, origin: unknown) => {
    // What the server sent is not sent back (the stock handler skips it too): splitting a board's whole first
    // sync just to drop it took half a second on a 4,000-note board.
    if (origin === provider) return
    for (const chunk of splitUpdate(update, maxBytes)) stockUpdate(chunk, origin)
  }
  provider.doc.on('update', provider._updateHandler)
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}
