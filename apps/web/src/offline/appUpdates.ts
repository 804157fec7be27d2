/**
 * The service worker that keeps the app on this device (vite-plugin-pwa / Workbox builds it: see vite.config.ts),
 * and the "new version" notice. A new deployment is installed in the background and waits; the page says so and
 * reloads into it when the person chooses, so nobody runs half an old app and half a new one.
 */
import { useSyncExternalStore } from 'react'
import { Workbox } from 'workbox-window'
import { PageRoutes } from '@cg/contract'

/** How often an open page asks whether a new version was deployed (also when the network comes back). */
const UPDATE_CHECK_MS = 30 * 60_000

let workbox: Workbox | null = null
let updateWaiting = false
const listeners = new Set<() => void>()

function setUpdateWaiting(waiting: boolean): void {
  updateWaiting = waiting
  for (const listener of listeners) listener()
}

/**
 * Files this page fetched before the service worker controlled it (a first visit: fonts, tldraw's translations,
 * icons) are handed to it, so the next visit without a network finds them too. They come from the HTTP cache.
 */
function cacheWhatThisPageLoaded(sw: Workbox): void {
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(`${location.origin}/assets/`))
  if (urls.length > 0) void sw.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache: urls } })
}

/** Registers the service worker; not in the print view, which the server's Chromium opens once per export. */
export function registerAppShell(): void {
  if (!('serviceWorker' in navigator) || PageRoutes.print.match(location.pathname)) return
  const sw = new Workbox('/sw.js', { scope: '/', updateViaCache: 'none' })
  workbox = sw
  sw.addEventListener('waiting', () => setUpdateWaiting(true))
  sw.addEventListener('controlling', (event) => {
    if (!event.isUpdate) cacheWhatThisPageLoaded(sw)
  })
  // Once the worker controls the page, what the page loads later is cached as it comes (see vite.config.ts).
  void sw.register()
  const check = () => void sw.update().catch(() => undefined)
  setInterval(check, UPDATE_CHECK_MS)
  window.addEventListener('online', check)
}

/** Reloads into the waiting version once it has taken over. */
function applyUpdate(): void {
  if (!workbox) return
  workbox.addEventListener('controlling', () => location.reload())
  workbox.messageSkipWaiting()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether a new version waits, and how to switch to it. */
export function useAppUpdate(): { waiting: boolean; apply: () => void } {
  const waiting = useSyncExternalStore(subscribe, () => updateWaiting)
  return { waiting, apply: applyUpdate }
}
