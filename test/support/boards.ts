type Role = 'facilitator' | 'editor' | 'viewer'

export interface CreatedBoard {
  id: string
  title: string
  createdAt: string
  role: Role
  links: Record<Role, string>
  /** Each link's secret, as a client passes it to the websocket and the API. */
  tokens: Record<Role, string>
}

/** The secret token of a board link (`/b/<id>#token=<secret>`). */
export function tokenOfLink(link: string): string {
  const token = new URLSearchParams(link.split('#')[1] ?? '').get('token')
  if (!token) throw new Error(`no token in link ${link}`)
  return token
}

/** Headers that present a link's token to the REST API. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}

/** Creates a board through the REST API, as the home page does. */
export async function createBoard(serverUrl: string, title = 'Workshop board'): Promise<CreatedBoard> {
  const response = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`creating a board failed: ${response.status} ${await response.text()}`)
  const board = (await response.json()) as Omit<CreatedBoard, 'tokens'>
  const tokens = {
    facilitator: tokenOfLink(board.links.facilitator),
    editor: tokenOfLink(board.links.editor),
    viewer: tokenOfLink(board.links.viewer),
  }
  return { ...board, tokens }
}

/** The websocket base URL a y-websocket client is given (the board id is appended by the client). */
export function wsBase(serverUrl: string): string {
  return serverUrl.replace(/^http/, 'ws') + '/ws'
}
