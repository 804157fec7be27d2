import { atom, unsafe__withoutCapture, type Signal } from '@tldraw/state'
import type { SerializedSchema, SerializedSchemaV2 } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { applyDocRecordsToStore } from './applyDocRecordsToStore.ts'
import { compareSchema, type SchemaComparison } from './compareSchema.ts'
import { getMetaMap, getRecordsKeyValue, readDocRecords, SCHEMA_KEY, writeEntries } from './docLayout.ts'
import { jsonEqual } from './jsonEqual.ts'
import { consoleLog, type BindingLog } from './log.ts'
import { migrateDocRecords } from './migrateDocRecords.ts'

/** Why the binding stopped writing to the doc. Either way the tab must be refreshed (or updated) to edit again. */
export type ReadOnlyReason = 'newer-schema' | 'migration-failed'

export interface SchemaMismatchInfo {
  /** What the doc's tl_meta holds under `schema`. */
  docSchema: unknown
  /** This client's `store.schema.serialize()`. */
  clientSchema: SerializedSchemaV2
  /** A sentence for logs, e.g. which migration sequence is ahead. */
  reason: string
}

export interface BindStoreToYDocOptions {
  log?: BindingLog
  /**
   * Called when the doc was written by a newer (or unknown) schema, at bind time (before `bindStoreToYDoc`
   * returns) or later when a peer upgrades the doc. The binding has already stopped writing; show
   * "refresh to update".
   */
  onSchemaMismatch?: (info: SchemaMismatchInfo) => void
  /**
   * Which of the store's records this doc holds (default: every document record). Two bindings with
   * complementary filters split one store over two docs, e.g. the shared board and a private room.
   */
  owns?: (record: TLRecord) => boolean
  /**
   * At bind, keep the store's owned records that the doc lacks and write them to the doc, instead of the doc
   * winning. For a doc bound after the editor is already in use (a private room joining late), so records made
   * meanwhile are not dropped.
   */
  mergeOnBind?: boolean
  /**
   * Puts a big board's records into the store in steps when it is bound, instead of all at once, so the first
   * shapes are drawn before the rest is laid out: `steps` orders the doc's record keys into steps (the first one
   * put at once, see loadStepsNearestFirst), `schedule` runs the next step later (e.g. after the next frame is
   * painted) and returns a cancel. Changes from peers meanwhile apply as usual. Not with `mergeOnBind`.
   */
  /**
   * Writes this tab's changes to the doc at most this often (ms): each write is encoded, cached and sent to
   * every peer, so a drag of a hundred notes at 60 frames a second costs a twentieth of the work and the bytes at
   * 50 ms. The first change after a pause is written at once. Default 0: every change as tldraw reports it.
   */
  writeEveryMs?: number
  loadInSteps?: {
    steps(records: ReadonlyMap<string, unknown>): string[][]
    schedule(step: () => void): () => void
  }
}

/** How far a stepwise first load is: records put so far, of all the doc held. */
export interface LoadProgress {
  done: number
  total: number
}

export interface StoreBinding {
  /** `null` while the binding writes local changes to the doc. */
  readonly readOnlyReason: ReadOnlyReason | null
  /** The same, as a signal for `useValue` (and for `editor.updateInstanceState({ isReadonly })`). */
  readonly $readOnlyReason: Signal<ReadOnlyReason | null>
  /** While a first load goes in steps (see `loadInSteps`), how far it is; null once every record is in. */
  readonly $loading: Signal<LoadProgress | null>
  /** Resolves once every record of the doc is in the store (at once, unless the load goes in steps). */
  readonly loaded: Promise<void>
  /** Writes edits still waiting (for the next frame, or for `writeEveryMs`) now: before a page goes away. */
  flush(): void
  /** Writes edits still waiting, then stops syncing. Leaves store and doc as they are. */
  dispose(): void
}

/**
 * Keeps a tldraw store and a Y.Doc in step, both ways, for document records only.
 *
 * On bind, a doc that holds records wins: they replace the store's document records (migrated first if the
 * doc is older). An empty doc receives the store's document records and the schema. Bind after the provider
 * has synced, or a fresh tab's default page ends up in the shared board.
 */
export function bindStoreToYDoc(store: TLStore, doc: Y.Doc, options: BindStoreToYDocOptions = {}): StoreBinding {
  const log = options.log ?? consoleLog
  const owns = options.owns ?? (() => true)
  const kv = getRecordsKeyValue(doc)
  const meta = getMetaMap(doc)
  // Our own writes carry this origin, so the observers can tell them from peers' updates.
  const localOrigin = { binding: '@cg/tldraw-yjs', storeId: store.id }
  const $readOnlyReason = atom<ReadOnlyReason | null>('tldraw-yjs.readOnlyReason', null)
  const isReadOnly = () => $readOnlyReason.__unsafe__getWithoutCapture() !== null
  let warnedReadOnly = false
  let disposed = false
  const $loading = atom<LoadProgress | null>('tldraw-yjs.loading', null)
  let markLoaded = () => {}
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve))
  /** The records a stepwise load has yet to put; a peer's change to one of them puts it at once instead. */
  let stepsLeft: { steps: string[][]; done: number; total: number; cancel: () => void } | null = null

  function checkSchema(): SchemaComparison {
    const docSchema = meta.get(SCHEMA_KEY)
    const comparison = compareSchema(store.schema, docSchema)
    if (comparison.status === 'newer' && $readOnlyReason.__unsafe__getWithoutCapture() !== 'newer-schema') {
      $readOnlyReason.set('newer-schema')
      log('warn', 'This board was saved by a newer version; this tab will not write to it', comparison.reason)
      options.onSchemaMismatch?.({ docSchema, clientSchema: store.schema.serialize(), reason: comparison.reason })
    }
    return comparison
  }

  function writeToDoc(write: () => void) {
    if (isReadOnly()) {
      if (!warnedReadOnly)
        log('warn', `Not writing to the shared doc (${$readOnlyReason.__unsafe__getWithoutCapture()})`)
      warnedReadOnly = true
      return
    }
    doc.transact(write, localOrigin)
  }

  // ── store → doc ──────────────────────────────────────────────────────────────────────────────
  // The listener runs a frame after the edit (tldraw batches history per animation frame), so a peer's
  // change may have landed in the store in between. Copying the record as it is *now*, rather than the
  // diff's `to`, keeps store and doc equal in that case (the later, remote value wins on both).
  function copyRecordsToDoc(ids: Iterable<TLRecord['id']>) {
    const changed = new Map<string, TLRecord | undefined>()
    for (const id of ids) {
      const record = store.unsafeGetWithoutCapture(id)
      // A record the filter no longer gives us (removed, or moved to the other doc) leaves this doc.
      if (record && owns(record)) {
        if (!jsonEqual(kv.get(id), record)) changed.set(id, record)
      } else if (kv.has(id)) {
        changed.set(id, undefined)
      }
    }
    writeEntries(kv, changed)
  }

  const unwritten = new Set<TLRecord['id']>()
  let writeTimer: ReturnType<typeof setTimeout> | null = null
  let lastWriteAt = -Infinity
  function writeUnwritten() {
    if (writeTimer) clearTimeout(writeTimer)
    writeTimer = null
    if (unwritten.size === 0) return
    lastWriteAt = Date.now()
    const ids = [...unwritten]
    unwritten.clear()
    // Listeners run inside the store's reactive effect. A doc linked in-process applies our update to
    // another store synchronously; its reads must not become dependencies of this store's effect.
    unsafe__withoutCapture(() =>
      writeToDoc(() => {
        copyRecordsToDoc(ids)
        if (!meta.has(SCHEMA_KEY)) meta.set(SCHEMA_KEY, store.schema.serialize())
      }),
    )
  }

  function flush() {
    // Edits from the last frame are still in tldraw's history buffer; hand them to our listener first.
    store._flushHistory()
    writeUnwritten()
  }

  const writeEveryMs = options.writeEveryMs ?? 0
  const stopListening = store.listen(
    ({ changes }) => {
      for (const id of Object.keys(changes.added)) unwritten.add(id as TLRecord['id'])
      for (const id of Object.keys(changes.updated)) unwritten.add(id as TLRecord['id'])
      for (const id of Object.keys(changes.removed)) unwritten.add(id as TLRecord['id'])
      if (writeTimer) return
      const wait = lastWriteAt + writeEveryMs - Date.now()
      if (wait <= 0) writeUnwritten()
      else writeTimer = setTimeout(writeUnwritten, wait)
    },
    { source: 'user', scope: 'document' },
  )

  // ── doc → store ──────────────────────────────────────────────────────────────────────────────
  /** Replaces the store's document records with the doc's, migrating (and writing back) an older doc. */
  function loadDoc(comparison: SchemaComparison, atBind = false) {
    let entries: ReadonlyMap<string, unknown> = readDocRecords(doc)
    if (comparison.status === 'older') {
      const stored = entries
      const migrated = migrateDocRecords(store.schema, meta.get(SCHEMA_KEY) as SerializedSchema, stored)
      if (!migrated.ok) {
        log('error', 'Could not migrate the board to this version; not writing to it', migrated.error)
        $readOnlyReason.set('migration-failed')
        return finishLoading()
      }
      for (const [key, reason] of migrated.failed) log('warn', `Skipped record ${key}: migration failed`, reason)
      entries = migrated.records
      writeToDoc(() => {
        const changed = new Map<string, TLRecord | undefined>()
        for (const [key, record] of migrated.records) {
          if (!jsonEqual(stored.get(key), record)) changed.set(key, record)
        }
        // Storage migrations may drop records (retired types); records that failed stay for a later fix.
        for (const key of stored.keys()) {
          if (!migrated.records.has(key) && !migrated.failed.has(key)) changed.set(key, undefined)
        }
        writeEntries(kv, changed)
        meta.set(SCHEMA_KEY, store.schema.serialize())
      })
    } else if (comparison.status === 'missing') {
      log('warn', 'The shared doc has records but no schema; assuming this client’s schema')
      writeToDoc(() => meta.set(SCHEMA_KEY, store.schema.serialize()))
    }

    let stale = Object.entries(store.serialize('document'))
      .filter(([id, record]) => owns(record) && !entries.has(id))
      .map(([id]) => id)
    if (atBind && options.mergeOnBind && stale.length > 0) {
      const kept = stale
      writeToDoc(() => writeEntries(kv, new Map(kept.map((id) => [id, store.get(id as TLRecord['id'])]))))
      stale = []
    }
    stopSteps()
    const removals = stale.map((id) => [id, undefined] as const)
    const inSteps = atBind && !options.mergeOnBind ? options.loadInSteps : undefined
    const steps = inSteps?.steps(entries)
    if (!inSteps || !steps || steps.length < 2) {
      applyDocRecordsToStore(store, [...removals, ...entries], log)
      return finishLoading()
    }
    const known = entries
    const putStep = (step: readonly string[]) => {
      applyDocRecordsToStore(
        store,
        step.map((key) => [key, known.get(key)] as const),
        log,
      )
    }
    const next = () => {
      if (!stepsLeft) return
      const step = stepsLeft.steps.shift() ?? []
      putStep(step)
      stepsLeft.done += step.length
      if (stepsLeft.steps.length === 0) return finishLoading()
      $loading.set({ done: stepsLeft.done, total: stepsLeft.total })
      stepsLeft.cancel = inSteps.schedule(next)
    }
    const total = steps.reduce((sum, step) => sum + step.length, 0)
    const first = steps.shift()!
    applyDocRecordsToStore(store, removals, log)
    putStep(first)
    $loading.set({ done: first.length, total })
    stepsLeft = { steps, done: first.length, total, cancel: inSteps.schedule(next) }
  }

  function stopSteps() {
    stepsLeft?.cancel()
    stepsLeft = null
  }

  function finishLoading() {
    stepsLeft = null
    $loading.set(null)
    markLoaded()
  }

  /** Keys a peer changed while a stepwise load still had them to put: they are put now, as the doc has them. */
  function takeFromSteps(keys: readonly string[]) {
    if (!stepsLeft) return
    const changed = new Set(keys)
    const left = stepsLeft.steps.map((step) => step.filter((key) => !changed.has(key)))
    const before = stepsLeft.steps.reduce((sum, step) => sum + step.length, 0)
    stepsLeft.done += before - left.reduce((sum, step) => sum + step.length, 0)
    stepsLeft.steps = left
  }

  const pendingKeys = new Set<string>()
  let schemaMayHaveChanged = false

  const onRecordsChange = (changes: Map<string, unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin) return
    for (const key of changes.keys()) pendingKeys.add(key)
  }
  const onMetaChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin) return
    if (event.keysChanged.has(SCHEMA_KEY)) schemaMayHaveChanged = true
  }
  // A peer's transaction is applied once, after all its observers ran, so that a schema and the records
  // written with it are seen together (Yjs does not order observers of different types).
  const onAfterTransaction = () => {
    if (!schemaMayHaveChanged && pendingKeys.size === 0) return
    const keys = [...pendingKeys]
    pendingKeys.clear()
    try {
      if (schemaMayHaveChanged) {
        schemaMayHaveChanged = false
        const comparison = checkSchema()
        if (comparison.status === 'older') return loadDoc(comparison)
      }
      takeFromSteps(keys)
      applyDocRecordsToStore(
        store,
        keys.map((key) => [key, kv.get(key)] as const),
        log,
      )
    } catch (error) {
      // mergeRemoteChanges refuses to run inside a store operation; that is a bug in the caller's wiring.
      log('error', 'Could not apply changes from the shared doc', error)
    }
  }

  kv.on('change', onRecordsChange)
  meta.observe(onMetaChange)
  doc.on('afterTransaction', onAfterTransaction)

  const initial = checkSchema()
  if (kv.map.size > 0) {
    loadDoc(initial, true)
  } else {
    writeToDoc(() => {
      writeEntries(kv, new Map(Object.entries(store.serialize('document')).filter(([, record]) => owns(record))))
      meta.set(SCHEMA_KEY, store.schema.serialize())
    })
    finishLoading()
  }

  return {
    get readOnlyReason() {
      return $readOnlyReason.get()
    },
    $readOnlyReason,
    $loading,
    loaded,
    flush,
    dispose() {
      if (disposed) return
      disposed = true
      stopSteps()
      flush()
      stopListening()
      kv.off('change', onRecordsChange)
      meta.unobserve(onMetaChange)
      doc.off('afterTransaction', onAfterTransaction)
    },
  }
}
