import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { DEFAULT_PRESENCE_FIELD } from '@cg/tldraw-yjs/presence'
import { readPeers, type Peer } from './peers.ts'
import { outlinePresenceRecord, type OutlinePresenceInput } from './presenceRecord.ts'

/** A focus moving at key-repeat speed is published at most this often (each publish goes to every peer). */
const PUBLISH_MS = 50

/**
 * Everyone else on the board (see readPeers): redrawn when someone comes, goes or is renamed, not on every cursor
 * move (compared as text). `peersNow` reads their latest presence, for going to where one of them is.
 */
export function usePeople(
  awareness: Awareness | null,
  me: string,
): { people: { userId: string; name: string; color: string }[]; peersNow: () => Peer[] } {
  const peersNow = useCallback(
    () => (awareness ? readPeers(awareness.getStates(), awareness.clientID, me, DEFAULT_PRESENCE_FIELD) : []),
    [awareness, me],
  )
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness?.on('change', onChange)
      return () => awareness?.off('change', onChange)
    },
    [awareness],
  )
  const snapshot = useCallback(
    () => JSON.stringify(peersNow().map(({ userId, name, color }) => ({ userId, name, color }))),
    [peersNow],
  )
  const people = JSON.parse(useSyncExternalStore(subscribe, snapshot)) as {
    userId: string
    name: string
    color: string
  }[]
  return { people, peersNow }
}

/**
 * Publishes this person's presence in the board room, as a canvas tab does (a tldraw `instance_presence` record),
 * so canvas users see their name, their cursor on the focused item and its selection, and the workshop counts them.
 */
export function usePublishPresence(awareness: Awareness | null, presence: Omit<OutlinePresenceInput, 'now'>): void {
  const latest = useRef(presence)
  latest.current = presence
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const key = JSON.stringify(presence)

  useEffect(() => {
    if (!awareness || timer.current !== null) return
    timer.current = setTimeout(() => {
      timer.current = null
      if (awareness.getLocalState() === null) return
      awareness.setLocalStateField(
        DEFAULT_PRESENCE_FIELD,
        outlinePresenceRecord({ ...latest.current, now: Date.now() }),
      )
    }, PUBLISH_MS)
  }, [awareness, key])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
    },
    [awareness],
  )
}
