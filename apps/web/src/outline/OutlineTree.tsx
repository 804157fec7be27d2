import {
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import type { OutlineItem } from './outlineItems.ts'
import { applyTreeCommand, treeCommandOf, typeAhead, type TreeRow } from './treeModel.ts'

/** What the tree asks of the page beyond moving focus: the item's actions, editing or deleting a note. */
export type TreeRequest = 'actions' | 'edit' | 'delete'

/** Keys typed within this long of each other make one type-ahead query ("out" for "Outcome"). */
const TYPE_AHEAD_MS = 700

/**
 * The outline as a WAI-ARIA tree: one tab stop (roving tabindex), arrow keys (mirrored right to left), Home/End,
 * `*`, type-ahead; children of a collapsed place are not rendered. The items are one flat list, each with its
 * level, position and set size (the pattern's flat form): an item's name is then its own words only, never its
 * children's. Focus follows `focusKey`: the page moves it (a
 * person found, a note added) by changing `focusKey` and `focusRequest`; the tree takes the DOM focus when it had it,
 * or when asked.
 */
export function OutlineTree(props: {
  /** Every item by key (the rows say which are shown, and how). */
  items: ReadonlyMap<string, OutlineItem>
  rows: readonly TreeRow[]
  label: string
  describedBy: string
  rtl: boolean
  locale: string
  focusKey: string | null
  /** Bumped to move the DOM focus to `focusKey` (once it is rendered). */
  focusRequest: number
  onFocusKey: (key: string) => void
  onExpand: (keys: readonly string[]) => void
  onCollapse: (key: string) => void
  onRequest: (request: TreeRequest, key: string) => void
  renderItem: (item: OutlineItem, descriptionId: string) => ReactNode
}) {
  const { rows, focusKey, focusRequest, onFocusKey, onExpand, onCollapse, onRequest } = props
  const prefix = useId()
  const treeRef = useRef<HTMLUListElement>(null)
  // Whether the tree had the focus last (the focused item may just have been deleted from under it).
  const hadFocus = useRef(false)
  const handledRequest = useRef(0)
  const typed = useRef({ text: '', at: 0 })
  // Which item is focused, told to each item by itself: moving the focus redraws two items, not the whole tree.
  const [focusStore] = useState(() => new FocusStore())
  useLayoutEffect(() => focusStore.set(focusKey), [focusStore, focusKey])
  const nodeContext = useMemo<NodeContext>(
    () => ({
      prefix,
      rtl: props.rtl,
      focus: focusStore,
      onFocusKey,
      onExpand,
      onCollapse,
      renderItem: props.renderItem,
    }),
    [prefix, props.rtl, focusStore, onFocusKey, onExpand, onCollapse, props.renderItem],
  )

  const itemElement = (key: string) =>
    treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? null

  // The DOM focus follows `focusKey` while the tree has it, and moves to it when the page asks.
  useEffect(() => {
    if (focusKey === null) return
    const asked = focusRequest !== handledRequest.current
    const lost = document.activeElement === document.body || document.activeElement === null
    if (!asked && !(hadFocus.current && (lost || treeRef.current?.contains(document.activeElement)))) return
    const element = itemElement(focusKey)
    if (!element) return
    handledRequest.current = focusRequest
    if (document.activeElement !== element) element.focus()
  })

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (focusKey === null || event.altKey || event.ctrlKey || event.metaKey) return
    const command = treeCommandOf(event.key, props.rtl)
    if (command) {
      event.preventDefault()
      const effect = applyTreeCommand(rows, focusKey, command)
      if (!effect) return
      if (effect.expand) onExpand(effect.expand)
      if (effect.collapse) onCollapse(effect.collapse)
      onFocusKey(effect.focus)
      return
    }
    if (event.key === 'Enter' || event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      return onRequest('actions', focusKey)
    }
    if (event.key === 'F2') {
      event.preventDefault()
      return onRequest('edit', focusKey)
    }
    if (event.key === 'Delete') {
      event.preventDefault()
      return onRequest('delete', focusKey)
    }
    if (event.key.length === 1) {
      const now = event.timeStamp
      const going = now - typed.current.at < TYPE_AHEAD_MS && typed.current.text !== ''
      // A space goes on a name being typed ("Output: education"); on its own it does nothing.
      if (event.key === ' ' && !going) return
      typed.current = { text: going ? typed.current.text + event.key : event.key, at: now }
      const found = typeAhead(rows, focusKey, typed.current.text, props.locale)
      if (found) {
        event.preventDefault()
        onFocusKey(found)
      }
    }
  }

  return (
    <ul
      ref={treeRef}
      role="tree"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      className="cg-outline-tree"
      onKeyDown={onKeyDown}
      onFocus={() => (hadFocus.current = true)}
      onBlur={(event) => {
        // Focus leaving for another part of the page (not an item removed from under it, which goes nowhere).
        if (event.relatedTarget && !treeRef.current?.contains(event.relatedTarget)) hadFocus.current = false
      }}
    >
      {rows.map((row) => {
        const item = props.items.get(row.key)
        return item ? <TreeNode key={row.key} item={item} row={row} context={nodeContext} /> : null
      })}
    </ul>
  )
}

/** The focused key, for items to follow one by one (useSyncExternalStore) instead of through the whole tree. */
class FocusStore {
  private key: string | null = null
  private readonly listeners = new Set<() => void>()
  set(key: string | null): void {
    if (key === this.key) return
    this.key = key
    this.listeners.forEach((listener) => listener())
  }
  get = () => this.key
  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** What every item needs from the tree, unchanged while only the focus moves. */
interface NodeContext {
  prefix: string
  rtl: boolean
  focus: FocusStore
  onFocusKey: (key: string) => void
  onExpand: (keys: readonly string[]) => void
  onCollapse: (key: string) => void
  renderItem: (item: OutlineItem, descriptionId: string) => ReactNode
}

/** One item of the tree, drawn again only when it changes, opens, closes, or gains or loses the focus. */
const TreeNode = memo(function TreeNode(props: { item: OutlineItem; row: TreeRow; context: NodeContext }) {
  const { item, row, context } = props
  const focused = useSyncExternalStore(context.focus.subscribe, () => context.focus.get() === row.key)
  const descriptionId = `${context.prefix}-d-${row.key}`
  return (
    <li
      role="treeitem"
      data-key={item.key}
      aria-level={row.level}
      aria-setsize={row.setsize}
      aria-posinset={row.posinset}
      aria-expanded={row.expandable ? row.expanded : undefined}
      // Its name is its content (the words shown); a place's template question is its description.
      aria-describedby={item.entry.kind === 'note' ? undefined : descriptionId}
      tabIndex={focused ? 0 : -1}
      className="cg-outline-item"
      data-kind={item.entry.kind}
      data-level={Math.min(row.level, 6)}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !focused) context.onFocusKey(row.key)
      }}
      onClick={() => context.onFocusKey(row.key)}
    >
      {row.expandable ? (
        // For the mouse: the keyboard opens and closes with the arrows.
        <span
          className="cg-outline-twisty"
          aria-hidden="true"
          onClick={() => (row.expanded ? context.onCollapse(row.key) : context.onExpand([row.key]))}
        >
          {row.expanded ? '▾' : context.rtl ? '◂' : '▸'}
        </span>
      ) : (
        <span className="cg-outline-twisty" aria-hidden="true" />
      )}
      {context.renderItem(item, descriptionId)}
    </li>
  )
})
