import * as Y from 'yjs'
import { CODRAFT_TEXT_PREFIX } from '@cg/codraft'
import { RefusalReason, type BoardRole } from '@cg/contract'
import { deletionUpdate, type ClockRange, type RoomRules, type RuleBreak } from '@cg/sync-server'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import {
  checkRecordChange,
  isLockedScaffold,
  isReadableSchema,
  isStoredRecord,
  isTemplateFrame,
  type SchemaChange,
} from './recordChecks.ts'
import { placesBetween } from './appendOnly.ts'
import { ORDER_WALK_STEPS, RecordIndex, type KeyChange } from './recordIndex.ts'
import { itemRange, rangeOf, transactionItems, type SharedType } from './typeChanges.ts'

export interface BoardRulesContext {
  /** The role a connection was let in with (from what the app's `authorize` granted). */
  roleOf(grant: unknown): BoardRole | undefined
  /** Whether the facilitator's scaffold lock is on for this board, now. */
  scaffoldLocked(): boolean
  /**
   * Called while a peer's update that deletes many shapes at once (20, or a quarter of the board) is being
   * applied, with every record it changed and its value before: the board as it was can still be saved.
   */
  beforeLargeDeletion?(changes: readonly { key: string; before: unknown }[]): void
}

/** A deletion this large is worth a version just before it. */
function isLargeDeletion(deletedShapes: number, recordsBefore: number): boolean {
  return deletedShapes >= 20 || (deletedShapes >= 4 && deletedShapes * 4 >= recordsBefore)
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
  const recordsType = records as SharedType
  const meta = doc.getMap<unknown>(META_MAP_NAME)
  const metaType = meta as SharedType
  const index = new RecordIndex(recordsType)
  // Every transaction moves the index on once (peers' updates, the room's corrections, the server's own). A peer's
  // may walk the list only so far to place a key's second entry; what is already on the board is placed whatever
  // it costs.
  const seen = new WeakMap<Y.Transaction, ReturnType<RecordIndex['apply']> | null>()
  const recordsChangeOf = (transaction: Y.Transaction, walkSteps = Infinity) => {
    if (!seen.has(transaction)) {
      seen.set(
        transaction,
        transaction.changed.has(recordsType)
          ? index.apply(transactionItems(transaction, recordsType), walkSteps)
          : null,
      )
    }
    return seen.get(transaction) ?? null
  }
  const follow = (transaction: Y.Transaction) => void recordsChangeOf(transaction)
  doc.on('afterTransaction', follow)

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
    // tl_meta is a map: list content in it is invisible to every reader, and kept for ever. A value is set after
    // the key's last one (no right origin): one placed elsewhere would read differently on each replica.
    for (const item of transactionItems(transaction, metaType).added) {
      if (item.parentSub === null || item.rightOrigin !== null) {
        correction.add(RefusalReason.invalidRecord)
        correction.deletions.push(itemRange(item))
      }
    }
  }

  function reviewRecords(transaction: Y.Transaction, grant: unknown, schema: SchemaChange, correction: Correction) {
    const change = recordsChangeOf(transaction, ORDER_WALK_STEPS)
    if (!change) return
    for (const entry of change.unordered) {
      correction.add(RefusalReason.invalidRecord)
      correction.deletions.push(rangeOf(entry))
    }
    for (const item of [...change.mapItems, ...change.misplaced]) {
      correction.add(RefusalReason.invalidRecord)
      correction.deletions.push(itemRange(item))
    }
    for (const value of change.malformed) {
      correction.add(RefusalReason.invalidRecord)
      correction.deletions.push(rangeOf(value))
    }
    if (change.keys.size === 0) return
    if (context.beforeLargeDeletion) {
      const changes = [...change.keys.values()]
      const deletedShapes = changes.filter(
        (c) => c.after === undefined && isStoredRecord(c.before) && c.before.typeName === 'shape',
      ).length
      const recordsBefore = index.size + changes.filter((c) => c.after === undefined).length
      if (deletedShapes > 0 && isLargeDeletion(deletedShapes, recordsBefore)) context.beforeLargeDeletion(changes)
    }
    const locked = context.roleOf(grant) === 'editor' && context.scaffoldLocked()
    const parentsGivenRows = new Set<string>()
    const framesGrown = new Set<string>()
    if (locked) {
      for (const { key, before, after } of change.keys.values()) {
        if (before === undefined && isStoredRecord(after) && isLockedScaffold(after)) {
          parentsGivenRows.add(String(after.parentId))
        }
        if (isStoredRecord(before) && isStoredRecord(after) && isTemplateFrame(before) && isTemplateFrame(after)) {
          const h = (record: typeof before) => (record.props as { h?: unknown } | undefined)?.h
          if (typeof h(before) === 'number' && typeof h(after) === 'number' && h(after)! > h(before)!)
            framesGrown.add(key)
        }
      }
    }
    const refused = new Map<string, KeyChange>()
    const scaffold = { locked, parentsGivenRows, framesGrown }
    for (const keyChange of change.keys.values()) {
      if (keyChange.before !== keyChange.after) {
        const reason = checkRecordChange(keyChange, schema, scaffold)
        if (reason) {
          correction.add(reason)
          refused.set(keyChange.key, keyChange)
          continue
        }
      }
      // Every entry added must be fit to be the value, not only the one that is the rightmost here: another
      // replica could read another as the rightmost, and a browser that cleans up duplicates keeps that one.
      for (const entry of keyChange.added) {
        if (entry.val === keyChange.after) continue
        const reason = checkRecordChange(
          { key: keyChange.key, before: keyChange.before, after: entry.val },
          schema,
          scaffold,
        )
        if (reason) {
          correction.add(reason)
          correction.deletions.push(rangeOf(entry))
        }
      }
    }
    // A refused deletion of a frame brings back what the same update deleted inside it.
    const restoredParents = new Set([...refused.values()].filter((c) => c.after === undefined).map((c) => c.key))
    for (let grew = restoredParents.size > 0; grew;) {
      grew = false
      for (const keyChange of change.keys.values()) {
        const { key, before, after } = keyChange
        if (refused.has(key) || after !== undefined || !isStoredRecord(before)) continue
        if (!restoredParents.has(String(before.parentId))) continue
        refused.set(key, keyChange)
        restoredParents.add(key)
        grew = true
      }
    }
    for (const keyChange of refused.values()) {
      for (const entry of keyChange.added) correction.deletions.push(rangeOf(entry))
      if (keyChange.before !== undefined) correction.restore.set(keyChange.key, keyChange.before)
    }
  }

  function reviewTexts(transaction: Y.Transaction, correction: Correction): void {
    // The types this transaction changed, not every root (a board may hold a text per co-draft block).
    for (const type of transaction.changed.keys()) {
      const name = type._item === null ? Y.findRootTypeKey(type) : ''
      if (!name.startsWith(CODRAFT_TEXT_PREFIX)) continue
      for (const item of transactionItems(transaction, type).added) {
        if (item.parentSub === null && item.content instanceof Y.ContentString) continue
        correction.add(RefusalReason.invalidText)
        correction.deletions.push(itemRange(item))
      }
    }
  }

  const appendOnly = new Set([RECORDS_ARRAY_NAME, META_MAP_NAME])
  return {
    admit(update) {
      return placesBetween(doc, update, appendOnly) ? RefusalReason.invalidRecord : null
    },
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
    dispose() {
      doc.off('afterTransaction', follow)
    },
  }
}
