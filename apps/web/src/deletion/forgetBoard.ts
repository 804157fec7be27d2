/**
 * Forgets what this device keeps of a workshop (see boardTraces.ts for what, and why): its rooms' IndexedDB
 * copies, its descriptions, keys and links in localStorage, its home-page entries, and anything of it a cache of
 * the service worker might hold (none should: only the app's hashed files are cached, never an API answer).
 * Loaded with the page that says the board is gone, never on a first visit.
 */
import { keptPrivateRoomKey } from '../board/workshop/privateKey.ts'
import { listKeptBoards } from '../offline/index.ts'
import { forgetRecentBoards, listRecentBoards } from '../shared/recentBoards.ts'
import {
  planForgetting,
  workshopBoardIds,
  type DeviceSnapshot,
  type ForgetPlan,
  type ForgetReason,
} from './boardTraces.ts'

/** How long a copy may take to go: an IndexedDB database another tab still holds open waits for it to close. */
const DATABASE_WAIT_MS = 10_000

function storageEntries(storage: Storage): [string, string][] {
  const entries: [string, string][] = []
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key !== null) entries.push([key, storage.getItem(key) ?? ''])
  }
  return entries
}

async function readDevice(boardId: string): Promise<DeviceSnapshot> {
  const kept = listKeptBoards()
  const privateKeys: Record<string, string> = {}
  for (const id of workshopBoardIds(boardId, kept)) {
    const key = keptPrivateRoomKey(id)
    if (key) privateKeys[id] = key
  }
  const databases =
    typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function'
      ? await indexedDB.databases().then(
          (list) => list.flatMap((db) => (db.name ? [db.name] : [])),
          () => null,
        )
      : null
  return {
    kept,
    recent: listRecentBoards(),
    localStorageKeys: storageEntries(localStorage).map(([key]) => key),
    sessionStorage: storageEntries(sessionStorage),
    databases,
    privateKeys,
  }
}

/** Deletes one database; resolves once it is gone, failed, or still held open by another tab after a while. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, DATABASE_WAIT_MS)
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    try {
      const request = indexedDB.deleteDatabase(name)
      request.onsuccess = done
      request.onerror = done
    } catch {
      done()
    }
  })
}

/** Drops any response a cache of this origin holds whose address names one of the boards. */
async function forgetCachedResponses(boardIds: readonly string[]): Promise<void> {
  if (typeof caches === 'undefined') return
  for (const name of await caches.keys()) {
    const cache = await caches.open(name)
    for (const request of await cache.keys()) {
      if (boardIds.some((id) => request.url.includes(id))) await cache.delete(request)
    }
  }
}

/**
 * Forgets the workshop `boardId` belongs to, for `reason`; `token` is the secret of the link this page used.
 * Resolves with what was forgotten once it is all gone (a failure to reach some storage is not an error: there is
 * nothing more this page can do about it).
 */
export async function forgetBoard(boardId: string, reason: ForgetReason, token: string): Promise<ForgetPlan> {
  const plan = planForgetting(boardId, reason, token, await readDevice(boardId))
  for (const key of plan.localStorageKeys) localStorage.removeItem(key)
  for (const key of plan.sessionStorageKeys) sessionStorage.removeItem(key)
  forgetRecentBoards(plan.recentIds)
  await Promise.all([
    ...plan.databases.map(deleteDatabase),
    forgetCachedResponses(plan.boardIds).catch(() => undefined),
  ])
  return plan
}
