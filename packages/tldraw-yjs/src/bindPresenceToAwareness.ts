import { computed, react, unsafe__withoutCapture, type Signal } from '@tldraw/state'
import {
  createPresenceStateDerivation,
  createUserId,
  InstancePresenceRecordType,
  UserRecordType,
  type TLInstancePresence,
  type TLInstancePresenceID,
  type TLStore,
  type TLUser,
  type TLUserId,
} from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'
import { consoleLog, type BindingLog } from './log.ts'
import { DEFAULT_PRESENCE_FIELD } from './presenceField.ts'

/** Who this tab is. `id` is the app's user id, with or without tldraw's `user:` prefix. */
export interface PresenceUser {
  id: string
  name: string
  color: string
}

export interface BindPresenceToAwarenessOptions {
  log?: BindingLog
  /** Key of this binding's entry in the awareness state, next to whatever else the app puts there. */
  field?: string
  /**
   * Publish at most once per this many milliseconds (trailing edge). The pointer changes every frame and
   * each publish is a websocket message to every peer; 0 publishes synchronously (tests).
   */
  throttleMs?: number
}

export interface PresenceBinding {
  /** Stops publishing, clears this tab's awareness state (peers see it leave) and removes peers' cursors. */
  dispose(): void
}

export { DEFAULT_PRESENCE_FIELD }

/**
 * Presence over a y-protocols Awareness: this tab's cursor, selection and viewport go out as an
 * `instance_presence` record; each peer's comes in as one, and goes away as soon as the peer's awareness
 * state is removed (y-websocket removes it when the peer disconnects; awareness alone would wait 30 s).
 */
export function bindPresenceToAwareness(
  store: TLStore,
  awareness: Awareness,
  $user: Signal<PresenceUser | null>,
  options: BindPresenceToAwarenessOptions = {},
): PresenceBinding {
  const log = options.log ?? consoleLog
  const field = options.field ?? DEFAULT_PRESENCE_FIELD
  const throttleMs = options.throttleMs ?? 0

  // tldraw compares presence.userId with the editor's `createUserId(preferences.id)`, so ids need the prefix.
  const $tlUser = computed<TLUser | null>('tldraw-yjs.presenceUser', () => {
    const user = $user.get()
    if (!user) return null
    return UserRecordType.create({ id: toUserId(user.id), name: user.name, color: user.color })
  })
  const $presence = createPresenceStateDerivation($tlUser)(store)

  let timer: ReturnType<typeof setTimeout> | null = null
  const stopPublishing = react(
    'tldraw-yjs.publishPresence',
    () => {
      const presence = $presence.get()
      // Setting awareness state runs 'change' listeners synchronously, which may touch other stores;
      // none of that may be captured as a dependency of this effect.
      unsafe__withoutCapture(() => awareness.setLocalState({ ...awareness.getLocalState(), [field]: presence }))
    },
    throttleMs > 0
      ? {
          scheduleEffect: (execute) => {
            if (timer !== null) return
            timer = setTimeout(() => {
              timer = null
              execute()
            }, throttleMs)
          },
        }
      : undefined,
  )

  // Peers' records are keyed by their awareness client id: unique per tab, and it is all a removal carries.
  const recordIdFor = presenceRecordIdFor
  const peerRecordIds = new Set<TLInstancePresenceID>()

  function applyPeers(changedClients: number[], removedClients: number[]) {
    const puts: TLInstancePresence[] = []
    const removals = removedClients.filter((c) => c !== awareness.clientID).map(recordIdFor)
    for (const clientId of changedClients) {
      if (clientId === awareness.clientID) continue
      const presence: unknown = awareness.getStates().get(clientId)?.[field]
      if (typeof presence === 'object' && presence !== null) {
        puts.push({ ...(presence as TLInstancePresence), id: recordIdFor(clientId), typeName: 'instance_presence' })
      } else {
        removals.push(recordIdFor(clientId))
      }
    }
    if (puts.length === 0 && removals.length === 0) return
    store.mergeRemoteChanges(() => {
      for (const id of removals) peerRecordIds.delete(id)
      const present = removals.filter((id) => store.has(id))
      if (present.length > 0) store.remove(present)
      for (const record of puts) {
        try {
          store.put([record])
          peerRecordIds.add(record.id)
        } catch (error) {
          log('warn', `Skipped presence of awareness client ${record.id}: it failed validation`, error)
        }
      }
    })
  }

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    applyPeers([...added, ...updated], removed)
  }
  awareness.on('change', onChange)
  applyPeers([...awareness.getStates().keys()], [])

  let disposed = false
  return {
    dispose() {
      if (disposed) return
      disposed = true
      stopPublishing()
      if (timer !== null) clearTimeout(timer)
      awareness.off('change', onChange)
      awareness.setLocalState(null)
      const present = [...peerRecordIds].filter((id) => store.has(id))
      peerRecordIds.clear()
      if (present.length > 0) store.mergeRemoteChanges(() => store.remove(present))
    },
  }
}

const PEER_PREFIX = 'awareness-'

function presenceRecordIdFor(clientId: number): TLInstancePresenceID {
  return InstancePresenceRecordType.createId(`${PEER_PREFIX}${clientId}`)
}

/** The awareness client id behind a peer's presence record (a collaborator), to read the rest of its state. */
export function awarenessClientIdOf(presenceId: TLInstancePresenceID): number | undefined {
  const key = presenceId.slice(presenceId.indexOf(':') + 1)
  if (!key.startsWith(PEER_PREFIX)) return undefined
  const clientId = Number(key.slice(PEER_PREFIX.length))
  return Number.isInteger(clientId) ? clientId : undefined
}

function toUserId(id: string): TLUserId {
  return id.startsWith('user:') ? (id as TLUserId) : createUserId(id)
}
