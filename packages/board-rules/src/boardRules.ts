import * as Y from 'yjs'
import { RefusalReason, type BoardRole } from '@cg/contract'
import { deletionUpdate, type ClockRange, type RoomRules, type RuleBreak } from '@cg/sync-server'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import {
  checkRecordChange,
  isLockedScaffold,
  isReadableSchema,
  isStoredRecord,
  type RecordChange,
  type SchemaChange,
} from './recordChecks.ts'
import { addedItems, itemRange, listChanges, rangeOf, type ListValue, type SharedType } from './typeChanges.ts'

/** Root texts of co-draft blocks (see @cg/codraft). */
const CODRAFT_TEXT_PREFIX = 'codraft:'

export interface BoardRulesContext {
  /** The role a connection was let in with (from what the app's `authorize` granted). */
  roleOf(grant: unknown): BoardRole | undefined
  /** Whether the facilitator's scaffold lock is on for this board, now. */
  scaffoldLocked(): boolean
}

/** A well-formed records entry (`{ key, val }`, see @cg/tldraw-yjs docLayout). */
interface Entry extends ListValue {
  key: string
  val: unknown
}

function asEntry(value: ListValue): Entry | null {
  const entry = value.value as { key?: unknown; val?: unknown } | null
  if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string' || !('val' in entry)) return null
  return { ...value, key: entry.key, val: entry.val }
}

/** The value of each key after the last entry for it (newest on the right, as YKeyValue reads it). */
function latest(values: readonly ListValue[], keys: ReadonlySet<string>): Map<string, Entry> {
  const found = new Map<string, Entry>()
  for (const value of values) {
    const entry = asEntry(value)
    if (entry && keys.has(entry.key)) found.set(entry.key, entry)
  }
  return found
}

/** What a review decided to undo: values to delete, records to set back, the stored schema to restore. */
class Correction {
  readonly reasons: RefusalReason[] = []
  readonly deletions: ClockRange[] = []
  readonly restore = new Map<string, unknown>()
  schema: { value: unknown } | null = null

  add(reason: RefusalReason): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason)
  }
}

/**
 * The server's rules for a board's doc (and a private room's, which the reveal copies onto the board):
 * - `tl_meta.schema` only ever holds a schema this server can read;
 * - every record written to `tl_records` passes tldraw's validation under the server's schema;
 * - while the facilitator's scaffold lock is on, a participant cannot change, unlock or delete locked template
 *   scaffold, nor delete a template frame (moving scaffold down to make room for a new grid row is allowed);
 * - co-drafted texts hold plain text only.
 * Other shared types are left alone. A change that breaks a rule is undone for everyone, its sender included.
 */
export function boardRules(doc: Y.Doc, context: BoardRulesContext): RoomRules {
  const records = doc.getArray<unknown>(RECORDS_ARRAY_NAME)
  const meta = doc.getMap<unknown>(META_MAP_NAME)
  const metaType = meta as SharedType

  function reviewSchema(transaction: Y.Transaction, correction: Correction): SchemaChange {
    const current = meta.get(SCHEMA_KEY)
    if (!transaction.changed.get(metaType)?.has(SCHEMA_KEY)) return { before: current, after: current }
    const old = new Y.YEvent(metaType, transaction).changes.keys.get(SCHEMA_KEY)?.oldValue as unknown
    const readableBefore = old !== undefined && isReadableSchema(old)
    // A schema nobody can read bricks the board for everyone; removing it makes every browser treat the
    // board as new. Either way the previous one stays.
    if (current === undefined ? readableBefore : !isReadableSchema(current)) {
      correction.add(RefusalReason.invalidSchema)
      correction.schema = { value: old }
      return { before: old, after: old }
    }
    return { before: old, after: current }
  }

  function reviewMeta(transaction: Y.Transaction, correction: Correction): void {
    // tl_meta is a map: list content in it is invisible to every reader, and kept for ever.
    for (const item of addedItems(transaction, meta)) {
      if (item.parentSub === null) {
        correction.add(RefusalReason.invalidRecord)
        correction.deletions.push(itemRange(item))
      }
    }
  }

  function reviewRecords(transaction: Y.Transaction, grant: unknown, schema: SchemaChange, correction: Correction) {
    const changes = listChanges(transaction, records)
    if (!changes) return
    for (const item of changes.mapEntries) {
      correction.add(RefusalReason.invalidRecord)
      correction.deletions.push(itemRange(item))
    }
    const keys = new Set<string>()
    const addedByKey = new Map<string, Entry[]>()
    for (const value of changes.added) {
      const entry = asEntry(value)
      if (!entry) {
        correction.add(RefusalReason.invalidRecord)
        correction.deletions.push(rangeOf(value))
        continue
      }
      keys.add(entry.key)
      addedByKey.set(entry.key, [...(addedByKey.get(entry.key) ?? []), entry])
    }
    for (const value of changes.deleted) {
      const entry = asEntry(value)
      if (entry) keys.add(entry.key)
    }
    if (keys.size === 0) return
    const before = latest(changes.before, keys)
    const after = latest(changes.after, keys)
    const role = context.roleOf(grant)
    const locked = role === 'editor' && context.scaffoldLocked()
    const parentsGivenRows = new Set<string>()
    if (locked) {
      for (const [key, entry] of after) {
        if (!before.has(key) && isStoredRecord(entry.val) && isLockedScaffold(entry.val)) {
          parentsGivenRows.add(String(entry.val.parentId))
        }
      }
    }
    const refused = new Map<string, RecordChange>()
    for (const key of keys) {
      const change: RecordChange = { key, before: before.get(key)?.val, after: after.get(key)?.val }
      if (change.before === change.after) continue
      const reason = checkRecordChange(change, schema, { locked, parentsGivenRows })
      if (reason) {
        correction.add(reason)
        refused.set(key, change)
      }
    }
    // A refused deletion of a frame brings back what the same update deleted inside it.
    const restoredParents = new Set([...refused.values()].filter((c) => c.after === undefined).map((c) => c.key))
    for (let grew = true; grew;) {
      grew = false
      for (const key of keys) {
        const change = { key, before: before.get(key)?.val, after: after.get(key)?.val }
        if (refused.has(key) || change.after !== undefined || !isStoredRecord(change.before)) continue
        if (!restoredParents.has(String(change.before.parentId))) continue
        refused.set(key, change)
        restoredParents.add(key)
        grew = true
      }
    }
    for (const [key, change] of refused) {
      for (const entry of addedByKey.get(key) ?? []) correction.deletions.push(rangeOf(entry))
      if (change.before !== undefined) correction.restore.set(key, change.before)
    }
  }

  function reviewTexts(transaction: Y.Transaction, correction: Correction): void {
    for (const [name, type] of doc.share) {
      if (!name.startsWith(CODRAFT_TEXT_PREFIX) || !transaction.changed.has(type)) continue
      for (const item of addedItems(transaction, type)) {
        if (item.parentSub === null && item.content instanceof Y.ContentString) continue
        correction.add(RefusalReason.invalidText)
        correction.deletions.push(itemRange(item))
      }
    }
  }

  return {
    review(transaction, grant): RuleBreak | null {
      const correction = new Correction()
      const schema = reviewSchema(transaction, correction)
      reviewMeta(transaction, correction)
      reviewRecords(transaction, grant, schema, correction)
      reviewTexts(transaction, correction)
      const reason = correction.reasons[0]
      if (!reason) return null
      return {
        reason,
        revert() {
          if (correction.deletions.length > 0) Y.applyUpdate(doc, deletionUpdate(correction.deletions))
          if (correction.schema) {
            if (correction.schema.value === undefined) meta.delete(SCHEMA_KEY)
            else meta.set(SCHEMA_KEY, correction.schema.value)
          }
          if (correction.restore.size > 0) {
            records.push([...correction.restore].map(([key, val]) => ({ key, val })))
          }
        },
      }
    },
    dispose() {},
  }
}
