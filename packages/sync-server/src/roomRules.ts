import type * as Y from 'yjs'

/**
 * What a peer's update did wrong, and how to take it back. `revert` runs in a transaction of the room's own
 * and must only undo the offending changes (e.g. set a record back to its value before the update); the room
 * stores and sends its effect together with the update, so the pair leaves the doc as the rules allow.
 */
export interface RuleBreak {
  /** Why, for the sender and the log (see @cg/contract RefusalReason). */
  reason: string
  revert(): void
}

/** A room's content rules, watching the room's doc from load to unload. */
export interface RoomRules {
  /**
   * Looks at a peer's update before it is applied (decoded, as Yjs decodes it): a reason to refuse it whole, or
   * null. For what must never reach the doc even for a moment, because once applied it cannot be taken back
   * cleanly (an item placed so that each replica puts it, and what comes after it, in a different place).
   */
  admit?(update: ReturnType<typeof Y.decodeUpdate>): string | null
  /**
   * Reviews the transaction that just applied a peer's update (called from the doc's `afterTransaction`,
   * while deleted content can still be read, and before any `afterTransaction` listener of the rules' own), with
   * what `authorize` granted that peer. Null when it keeps every rule.
   */
  review(transaction: Y.Transaction, grant: unknown): RuleBreak | null
  /**
   * The room unloads. `discarded`: it was dropped because its content is being deleted (see Room.discard), so
   * whatever the rules keep beside it (a last version, say) must not be written either.
   */
  dispose(how?: { discarded: boolean }): void
}

/**
 * The app's content rules, per room: the sync server calls `watch` once for every room it loads, before any
 * peer's update reaches it, and uses what it returns (undefined: the room has no rules beyond the protocol's).
 */
export interface ContentGuard {
  watch(room: { name: string; doc: Y.Doc }): Promise<RoomRules | undefined> | RoomRules | undefined
}
