export interface CreatedBoard {
  id: string
  title: string
  createdAt: string
  links: { editor: string }
}

/** Creates a board through the REST API, as the home page does. */
export async function createBoard(serverUrl: string, title = 'Workshop board'): Promise<CreatedBoard> {
  const response = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`creating a board failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreatedBoard
}

/** The websocket base URL a y-websocket client is given (the board id is appended by the client). */
export function wsBase(serverUrl: string): string {
  return serverUrl.replace(/^http/, 'ws') + '/ws'
}
