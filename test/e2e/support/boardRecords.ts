import { readDocRecords } from '@cg/tldraw-yjs'
import { connectSyncedClient } from '../../support/yClient.ts'

/** A board's records read the way any peer would: a stock y-websocket client. */
export async function boardRecords(serverUrl: string, boardId: string): Promise<Map<string, unknown>> {
  const client = await connectSyncedClient(serverUrl, boardId)
  try {
    return readDocRecords(client.doc)
  } finally {
    client.destroy()
  }
}
