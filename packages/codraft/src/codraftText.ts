import * as Y from 'yjs'

/*
 * Co-drafted text blocks keep their text in a Yjs text type, not in a record property: several people can
 * type in the same block at once and every keystroke survives. Part of the board doc's layout (a storage
 * format, beside the records of @cg/tldraw-yjs):
 *
 *   doc.getText('codraft:<shape id>')  the text of the co-draft block with that id
 *
 * A root-level Y.Text named after its shape, so two tabs that open a new block at the same moment get the
 * same text, never two rivals. Root types cannot be deleted: a removed block's text stays in the doc (it
 * comes back with the block on undo).
 */
/** The root name of every co-drafted text (what board rules and versions look for). */
export const CODRAFT_TEXT_PREFIX = 'codraft:'

export function getCodraftText(doc: Y.Doc, shapeId: string): Y.Text {
  return doc.getText(`${CODRAFT_TEXT_PREFIX}${shapeId}`)
}

/** One contiguous edit: at `start`, `removed` characters replaced by `inserted`. */
export interface TextEdit {
  start: number
  removed: number
  inserted: string
}

/**
 * The smallest edit from `before` to `after`: one replacement between the common prefix and suffix, so concurrent
 * edits elsewhere in the text are untouched. With the caret after the edit, a repeated character ("a" typed into
 * "aa") is placed where it was typed, not at the run's end.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit {
  const maxStart = caret === undefined ? Infinity : Math.max(0, caret - Math.max(0, after.length - before.length))
  let start = 0
  while (start < before.length && start < after.length && start < maxStart && before[start] === after[start]) start++
  let endBefore = before.length
  let endAfter = after.length
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--
    endAfter--
  }
  return { start, removed: endBefore - start, inserted: after.slice(start, endAfter) }
}

/**
 * Applies a textarea edit (old value → new value) to the Y.Text. `peersSince` are the changes peers made to the
 * text after `before` was read (e.g. during an input-method composition): the edit is moved past them, so
 * neither side's characters are lost. Returns where the caret belongs afterwards.
 */
export function applyTextEdit(
  text: Y.Text,
  before: string,
  after: string,
  origin: unknown,
  caret?: number,
  peersSince: Delta[] = [],
): number {
  const edit = diffText(before, after, caret)
  let start = edit.start
  let end = edit.start + edit.removed
  for (const delta of peersSince) {
    start = transformIndex(start, delta)
    end = Math.max(start, transformIndex(end, delta))
  }
  if (end > start || edit.inserted) {
    text.doc!.transact(() => {
      if (end > start) text.delete(start, end - start)
      if (edit.inserted) text.insert(start, edit.inserted)
    }, origin)
  }
  return start + edit.inserted.length
}

export type Delta = { insert?: unknown; retain?: number; delete?: number }[]

/**
 * Where a caret at `index` should be after a peer's change (`delta`), so remote typing never moves the local
 * caret to the wrong place. A peer's text inserted exactly at the caret stays after it: the local person keeps
 * typing where they were.
 */
export function transformIndex(index: number, delta: Delta): number {
  let cursor = 0
  let result = index
  for (const op of delta) {
    if (op.retain !== undefined) {
      cursor += op.retain
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      if (cursor < index) result += length
    } else if (op.delete !== undefined) {
      if (cursor < index) result -= Math.min(op.delete, index - cursor)
      cursor += op.delete
    }
    if (cursor >= index) break
  }
  return Math.max(0, result)
}
