/**
 * Which stored documents belong to a board: its rooms are named exactly `<id>`, `<id>:facilitation` and
 * `<id>:private:<key>` (packages/contract/src/rooms.ts). Matched as an exact name or a key range, never with LIKE,
 * where `_` of an id would be a wildcard; ids hold no `:`, so `<id>:` never starts another board's room names.
 */

/** `[name, from, to]`: a document is the board's when its name is `name`, or `from` ≤ name < `to` byte by byte. */
export function boardDocNames(boardId: string): [string, string, string] {
  // ';' is the character after ':', so the range holds every name that starts with `<id>:` and nothing else.
  return [boardId, `${boardId}:`, `${boardId};`]
}
