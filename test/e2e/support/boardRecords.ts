import { readDocRecords } from '@cg/tldraw-yjs'
import type { CreatedBoard } from '../../support/boards.ts'
import { connectSyncedClient } from '../../support/yClient.ts'

/** A board's records read the way any peer would: a stock y-websocket client. */
export async function boardRecords(serverUrl: string, board: CreatedBoard): Promise<Map<string, unknown>> {
  const client = await connectSyncedClient(serverUrl, board.id, board.tokens.viewer)
  try {
    return readDocRecords(client.doc)
  } finally {
    client.destroy()
  }
}
