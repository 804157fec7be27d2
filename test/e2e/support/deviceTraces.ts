import type { Page } from 'playwright-core'
import { bearer } from '../../support/boards.ts'

/** What a browser keeps that names a board: IndexedDB databases, storage keys or values, cached responses. */
export interface DeviceTraces {
  databases: string[]
  localStorage: string[]
  sessionStorage: string[]
  /** Cached responses naming the board, and any API answer in a cache at all (there must never be one). */
  caches: string[]
}

/** Every trace of `boardId` this page's origin holds. */
export function deviceTraces(page: Page, boardId: string): Promise<DeviceTraces> {
  // Run in the page (a string: this project's tests are type-checked without the DOM's types).
  return page.evaluate(`(async (id) => {
    const entries = (storage) =>
      Object.keys(storage).filter((key) => key.includes(id) || (storage.getItem(key) ?? '').includes(id))
    const cached = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        if (request.url.includes(id) || new URL(request.url).pathname.startsWith('/api/')) cached.push(request.url)
      }
    }
    return {
      databases: (await indexedDB.databases()).flatMap((db) => (db.name?.includes(id) ? [db.name] : [])),
      localStorage: entries(localStorage),
      sessionStorage: entries(sessionStorage),
      caches: cached,
    }
  })(${JSON.stringify(boardId)})`) as Promise<DeviceTraces>
}

export const NO_TRACES: DeviceTraces = { databases: [], localStorage: [], sessionStorage: [], caches: [] }

/** `DELETE /api/boards/:id` with the facilitator's token: to the trash, or with `purgeNow` gone at once. */
export async function deleteBoardByApi(
  serverUrl: string,
  boardId: string,
  facilitatorToken: string,
  purgeNow = false,
): Promise<{ purged: boolean; deletion: { deletedAt: string; purgeAt: string } | null }> {
  const response = await fetch(`${serverUrl}/api/boards/${boardId}${purgeNow ? '?purge=now' : ''}`, {
    method: 'DELETE',
    headers: bearer(facilitatorToken),
  })
  if (!response.ok) throw new Error(`deleting the board failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as { purged: boolean; deletion: { deletedAt: string; purgeAt: string } | null }
}

/** The `deletion` a facilitator's link is told about a workshop in the trash (410 board-deleted). */
export async function deletionOf(
  serverUrl: string,
  boardId: string,
  facilitatorToken: string,
): Promise<{ deletedAt: string; purgeAt: string }> {
  const response = await fetch(`${serverUrl}/api/boards/${boardId}`, { headers: bearer(facilitatorToken) })
  const body = (await response.json()) as { deletion?: { deletedAt: string; purgeAt: string } }
  if (response.status !== 410 || !body.deletion) throw new Error(`not in the trash: ${response.status}`)
  return body.deletion
}

/** The titles the home page lists as opened on this device. */
export async function homePageBoards(page: Page, serverUrl: string): Promise<string[]> {
  await page.goto(`${serverUrl}/`)
  // The list is read from this device as the page first renders.
  await page.locator('.cg-main').waitFor()
  return page.locator('.cg-recent li a').allInnerTexts()
}
