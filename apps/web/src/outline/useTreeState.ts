import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { OutlineItem } from './outlineItems.ts'
import { ancestorsOf, expandableKeys, flattenTree, survivingFocus, type TreeRow } from './treeModel.ts'

/**
 * Boards up to this many notes open fully expanded; bigger ones open at their frames, the first one open (a lighter
 * page that still shows the board's first notes at once).
 */
const EXPANDED_UP_TO = 150

export interface TreeState {
  rows: TreeRow[]
  focusKey: string | null
  /** Bumped when the DOM focus should move to `focusKey` (see OutlineTree). */
  focusRequest: number
  setFocusKey: (key: string) => void
  /** Focus `key` (its places opened) and move the DOM focus there, now or once it is on the board (a new note). */
  goTo: (key: string) => void
  expand: (keys: readonly string[]) => void
  collapse: (key: string) => void
  expandAll: () => void
  collapseAll: () => void
}

/**
 * Which places are open and which item has the focus, kept across readings of the board: focus stays on its item
 * when the item moves (its new place opens), goes to the nearest item before it when it is deleted, and to the
 * nearest open place holding it when that place is closed. An item the page is waiting for (a note just added)
 * keeps the focus until it arrives.
 */
export function useTreeState(items: readonly OutlineItem[], totalNotes: number): TreeState {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(expandableKeys(totalNotes <= EXPANDED_UP_TO ? items : items.slice(0, 1))),
  )
  const [focusKey, setFocusKey] = useState<string | null>(() => items[0]?.key ?? null)
  const [focusRequest, setFocusRequest] = useState(0)
  const rows = useMemo(() => flattenTree(items, expanded), [items, expanded])
  const waitingFor = useRef<string | null>(null)
  const previous = useRef({ items, rows })

  useEffect(() => {
    const before = previous.current
    previous.current = { items, rows }
    if (focusKey === null) {
      if (rows[0]) setFocusKey(rows[0].key)
      return
    }
    if (rows.some((row) => row.key === focusKey)) {
      if (waitingFor.current === focusKey) waitingFor.current = null
      return
    }
    const path = ancestorsOf(items, focusKey)
    if (path) {
      // Still on the board, in a closed place: moved there (the place opens), or the person closed a place above it.
      if (items !== before.items || waitingFor.current === focusKey) {
        setExpanded((open) => new Set([...open, ...path]))
      } else {
        const open = [...path].reverse().find((key) => rows.some((row) => row.key === key))
        setFocusKey(open ?? rows[0]?.key ?? focusKey)
      }
      return
    }
    if (waitingFor.current === focusKey) return
    setFocusKey(survivingFocus(before.rows, rows, focusKey) ?? focusKey)
  }, [items, rows, focusKey])

  const goTo = useCallback((key: string) => {
    waitingFor.current = key
    setFocusKey(key)
    setFocusRequest((n) => n + 1)
  }, [])
  const expand = useCallback((keys: readonly string[]) => setExpanded((open) => new Set([...open, ...keys])), [])
  const collapse = useCallback(
    (key: string) =>
      setExpanded((open) => {
        const next = new Set(open)
        next.delete(key)
        return next
      }),
    [],
  )
  const expandAll = useCallback(() => setExpanded(new Set(expandableKeys(items))), [items])
  const collapseAll = useCallback(() => setExpanded(new Set()), [])

  return { rows, focusKey, focusRequest, setFocusKey, goTo, expand, collapse, expandAll, collapseAll }
}
