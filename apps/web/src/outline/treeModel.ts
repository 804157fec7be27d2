/*
 * The keyboard model of a tree view (WAI-ARIA Authoring Practices, "Tree View"), as pure functions over the tree
 * flattened into the rows a person can reach: what each key does, given the rows and the focused one. No DOM, no
 * React: the component renders the rows and applies what these return.
 */

/** An item of the tree, before flattening. */
export interface TreeItem {
  key: string
  /** What type-ahead matches (the start of the item's name). */
  label: string
  children: readonly TreeItem[]
}

/** An item as shown: the visible rows, with what aria-level, aria-setsize and aria-posinset say. */
export interface TreeRow {
  key: string
  label: string
  /** 1 for a top-level item. */
  level: number
  parentKey: string | null
  /** 1-based position among its siblings, and how many siblings there are. */
  posinset: number
  setsize: number
  /** Has children (can be expanded). */
  expandable: boolean
  expanded: boolean
}

/**
 * The rows a person can reach: every top-level item, and the children of every expanded one, in order. A collapsed
 * item's children are not rows (the page need not render them).
 */
export function flattenTree(roots: readonly TreeItem[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = []
  const visit = (items: readonly TreeItem[], level: number, parentKey: string | null) => {
    items.forEach((item, index) => {
      const expandable = item.children.length > 0
      const open = expandable && expanded.has(item.key)
      rows.push({
        key: item.key,
        label: item.label,
        level,
        parentKey,
        posinset: index + 1,
        setsize: items.length,
        expandable,
        expanded: open,
      })
      if (open) visit(item.children, level + 1, item.key)
    })
  }
  visit(roots, 1, null)
  return rows
}

/** Every key of the tree with children: what "Expand all" opens. */
export function expandableKeys(roots: readonly TreeItem[]): string[] {
  const keys: string[] = []
  const visit = (items: readonly TreeItem[]) => {
    for (const item of items) {
      if (item.children.length === 0) continue
      keys.push(item.key)
      visit(item.children)
    }
  }
  visit(roots)
  return keys
}

/** What a key press means in the tree, independent of the writing direction. */
export type TreeCommand =
  | 'next'
  | 'previous'
  /** Right arrow in a left-to-right page: open a closed item, else go to its first child. */
  | 'inward'
  /** Left arrow in a left-to-right page: close an open item, else go to its parent. */
  | 'outward'
  | 'first'
  | 'last'
  /** `*`: expand every sibling of the focused item. */
  | 'expandSiblings'

/**
 * The command of a key (`KeyboardEvent.key`), or null for keys the tree does not take. Left and Right are mirrored
 * in a right-to-left page: there, children sit to the left, so Left opens and goes in.
 */
export function treeCommandOf(key: string, rtl: boolean): TreeCommand | null {
  switch (key) {
    case 'ArrowDown':
      return 'next'
    case 'ArrowUp':
      return 'previous'
    case 'ArrowRight':
      return rtl ? 'outward' : 'inward'
    case 'ArrowLeft':
      return rtl ? 'inward' : 'outward'
    case 'Home':
      return 'first'
    case 'End':
      return 'last'
    case '*':
      return 'expandSiblings'
    default:
      return null
  }
}

/** What the tree does: move focus, open or close items. */
export interface TreeEffect {
  focus: string
  expand?: readonly string[]
  collapse?: string
}

/** The effect of `command` with `focusKey` focused; null when the key does nothing there (an end of the tree). */
export function applyTreeCommand(rows: readonly TreeRow[], focusKey: string, command: TreeCommand): TreeEffect | null {
  const index = rows.findIndex((row) => row.key === focusKey)
  if (index < 0) return rows[0] ? { focus: rows[0].key } : null
  const row = rows[index]!
  switch (command) {
    case 'next':
      return index + 1 < rows.length ? { focus: rows[index + 1]!.key } : null
    case 'previous':
      return index > 0 ? { focus: rows[index - 1]!.key } : null
    case 'first':
      return { focus: rows[0]!.key }
    case 'last':
      return { focus: rows[rows.length - 1]!.key }
    case 'inward':
      if (!row.expandable) return null
      if (!row.expanded) return { focus: row.key, expand: [row.key] }
      return { focus: rows[index + 1]!.key }
    case 'outward':
      if (row.expandable && row.expanded) return { focus: row.key, collapse: row.key }
      return row.parentKey === null ? null : { focus: row.parentKey }
    case 'expandSiblings': {
      const siblings = rows.filter((other) => other.parentKey === row.parentKey && other.expandable && !other.expanded)
      return siblings.length > 0 ? { focus: row.key, expand: siblings.map((other) => other.key) } : null
    }
  }
}

/**
 * Type-ahead: the next row after the focused one (wrapping) whose label starts with `typed`, ignoring case and
 * accents; null when none does. Typing the same letter again moves on through the items that start with it.
 */
export function typeAhead(rows: readonly TreeRow[], focusKey: string, typed: string, locale?: string): string | null {
  const query = fold(typed, locale)
  if (!query) return null
  const start = rows.findIndex((row) => row.key === focusKey)
  // A repeated single letter ("ooo") cycles through the items starting with that letter.
  const repeated = query.length > 1 && [...query].every((char) => char === query[0])
  const wanted = repeated ? query[0]! : query
  // A longer query may still match the focused item: keep it; a new letter moves on.
  const from = wanted.length > 1 ? 0 : 1
  for (let step = from; step <= rows.length; step++) {
    const row = rows[(start + step + rows.length) % rows.length]
    if (row && fold(row.label, locale).startsWith(wanted)) return row.key
  }
  return null
}

function fold(text: string, locale?: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase(locale)
    .trimStart()
}

/**
 * Where focus goes when the focused item is gone (deleted, or hidden by a change): the item itself if it is still
 * there, else the nearest item before it that still is (its previous sibling, its parent...), else the first after
 * it, else the first row.
 */
export function survivingFocus(
  before: readonly TreeRow[],
  after: readonly TreeRow[],
  focusKey: string | null,
): string | null {
  if (after.length === 0) return null
  const present = new Set(after.map((row) => row.key))
  if (focusKey !== null && present.has(focusKey)) return focusKey
  const index = before.findIndex((row) => row.key === focusKey)
  if (index >= 0) {
    for (let i = index - 1; i >= 0; i--) if (present.has(before[i]!.key)) return before[i]!.key
    for (let i = index + 1; i < before.length; i++) if (present.has(before[i]!.key)) return before[i]!.key
  }
  return after[0]!.key
}

/** The keys of the items holding `key`, outermost first; null when the tree has no such item. */
export function ancestorsOf(roots: readonly TreeItem[], key: string): string[] | null {
  const path: string[] = []
  const visit = (items: readonly TreeItem[]): boolean => {
    for (const item of items) {
      if (item.key === key) return true
      path.push(item.key)
      if (visit(item.children)) return true
      path.pop()
    }
    return false
  }
  return visit(roots) ? path : null
}
