import { describe, expect, it } from 'vitest'
import {
  ancestorsOf,
  applyTreeCommand,
  expandableKeys,
  flattenTree,
  survivingFocus,
  treeCommandOf,
  typeAhead,
  type TreeItem,
} from './treeModel.ts'

const leaf = (key: string, label = key): TreeItem => ({ key, label, children: [] })

/** A logframe frame with two cells, and a second frame. */
const TREE: TreeItem[] = [
  {
    key: 'logframe',
    label: 'Logframe',
    children: [
      { key: 'goal', label: 'Goal, Narrative', children: [leaf('n1', 'Children safe'), leaf('n2', 'Éducation')] },
      { key: 'outcome', label: 'Outcome, Indicators', children: [] },
      leaf('n3', 'Loose in frame'),
    ],
  },
  { key: 'vision', label: 'Vision', children: [leaf('n4', 'One plan')] },
]

const keys = (expanded: string[]) => flattenTree(TREE, new Set(expanded)).map((row) => row.key)

describe('flattening', () => {
  it('shows only the children of expanded items, with level, position and set size', () => {
    expect(keys([])).toEqual(['logframe', 'vision'])
    expect(keys(['logframe'])).toEqual(['logframe', 'goal', 'outcome', 'n3', 'vision'])
    const rows = flattenTree(TREE, new Set(['logframe', 'goal']))
    expect(rows.find((row) => row.key === 'n2')).toEqual({
      key: 'n2',
      label: 'Éducation',
      level: 3,
      parentKey: 'goal',
      posinset: 2,
      setsize: 2,
      expandable: false,
      expanded: false,
    })
    expect(rows.find((row) => row.key === 'vision')).toMatchObject({ level: 1, posinset: 2, setsize: 2 })
    // A place without notes has nothing to expand.
    expect(rows.find((row) => row.key === 'outcome')).toMatchObject({ expandable: false, expanded: false })
  })

  it('lists what "Expand all" opens', () => {
    expect(expandableKeys(TREE)).toEqual(['logframe', 'goal', 'vision'])
    expect(keys(expandableKeys(TREE))).toEqual(['logframe', 'goal', 'n1', 'n2', 'outcome', 'n3', 'vision', 'n4'])
  })

  it('finds the items holding an item', () => {
    expect(ancestorsOf(TREE, 'n2')).toEqual(['logframe', 'goal'])
    expect(ancestorsOf(TREE, 'vision')).toEqual([])
    expect(ancestorsOf(TREE, 'missing')).toBeNull()
  })
})

describe('keys', () => {
  it('mirrors Left and Right in a right-to-left page', () => {
    expect(treeCommandOf('ArrowRight', false)).toBe('inward')
    expect(treeCommandOf('ArrowLeft', false)).toBe('outward')
    expect(treeCommandOf('ArrowRight', true)).toBe('outward')
    expect(treeCommandOf('ArrowLeft', true)).toBe('inward')
    expect(treeCommandOf('ArrowDown', true)).toBe('next')
    expect(treeCommandOf('Home', false)).toBe('first')
    expect(treeCommandOf('*', false)).toBe('expandSiblings')
    expect(treeCommandOf('a', false)).toBeNull()
  })
})

describe('commands', () => {
  const rows = (expanded: string[]) => flattenTree(TREE, new Set(expanded))

  it('moves to the next and previous visible item, and stops at the ends', () => {
    expect(applyTreeCommand(rows(['logframe']), 'logframe', 'next')).toEqual({ focus: 'goal' })
    expect(applyTreeCommand(rows(['logframe']), 'n3', 'next')).toEqual({ focus: 'vision' })
    expect(applyTreeCommand(rows([]), 'logframe', 'next')).toEqual({ focus: 'vision' })
    expect(applyTreeCommand(rows([]), 'vision', 'next')).toBeNull()
    expect(applyTreeCommand(rows(['logframe']), 'vision', 'previous')).toEqual({ focus: 'n3' })
    expect(applyTreeCommand(rows([]), 'logframe', 'previous')).toBeNull()
  })

  it('opens a closed item, then goes to its first child; leaves are ends', () => {
    expect(applyTreeCommand(rows([]), 'logframe', 'inward')).toEqual({ focus: 'logframe', expand: ['logframe'] })
    expect(applyTreeCommand(rows(['logframe']), 'logframe', 'inward')).toEqual({ focus: 'goal' })
    expect(applyTreeCommand(rows(['logframe']), 'n3', 'inward')).toBeNull()
  })

  it('closes an open item, else goes to its parent; a closed top-level item is an end', () => {
    expect(applyTreeCommand(rows(['logframe', 'goal']), 'goal', 'outward')).toEqual({
      focus: 'goal',
      collapse: 'goal',
    })
    expect(applyTreeCommand(rows(['logframe', 'goal']), 'n2', 'outward')).toEqual({ focus: 'goal' })
    expect(applyTreeCommand(rows(['logframe']), 'n3', 'outward')).toEqual({ focus: 'logframe' })
    expect(applyTreeCommand(rows([]), 'vision', 'outward')).toBeNull()
  })

  it('goes to the first and the last visible item', () => {
    expect(applyTreeCommand(rows(['logframe', 'vision']), 'n3', 'first')).toEqual({ focus: 'logframe' })
    expect(applyTreeCommand(rows(['logframe', 'vision']), 'goal', 'last')).toEqual({ focus: 'n4' })
    expect(applyTreeCommand(rows([]), 'logframe', 'last')).toEqual({ focus: 'vision' })
  })

  it('expands every sibling with `*`, focus staying', () => {
    expect(applyTreeCommand(rows([]), 'logframe', 'expandSiblings')).toEqual({
      focus: 'logframe',
      expand: ['logframe', 'vision'],
    })
    expect(applyTreeCommand(rows(['logframe']), 'outcome', 'expandSiblings')).toEqual({
      focus: 'outcome',
      expand: ['goal'],
    })
    expect(applyTreeCommand(rows(['logframe', 'vision']), 'vision', 'expandSiblings')).toBeNull()
  })

  it('puts focus on the first row when the focused item is unknown', () => {
    expect(applyTreeCommand(rows([]), 'gone', 'next')).toEqual({ focus: 'logframe' })
  })
})

describe('type-ahead', () => {
  const rows = flattenTree(TREE, new Set(['logframe', 'goal', 'vision']))

  it('finds the next item starting with what was typed, wrapping, ignoring case and accents', () => {
    expect(typeAhead(rows, 'logframe', 'o')).toBe('outcome')
    expect(typeAhead(rows, 'outcome', 'o')).toBe('n4')
    expect(typeAhead(rows, 'n4', 'o')).toBe('outcome')
    expect(typeAhead(rows, 'logframe', 'e')).toBe('n2')
    expect(typeAhead(rows, 'logframe', 'EDU')).toBe('n2')
    expect(typeAhead(rows, 'logframe', 'x')).toBeNull()
  })

  it('keeps the focused item while a longer query still matches it', () => {
    expect(typeAhead(rows, 'outcome', 'outc')).toBe('outcome')
    expect(typeAhead(rows, 'n4', 'one')).toBe('n4')
  })

  it('cycles through items that start with a letter typed again and again', () => {
    expect(typeAhead(rows, 'outcome', 'oo')).toBe('n4')
    expect(typeAhead(rows, 'n4', 'ooo')).toBe('outcome')
  })

  it('matches Arabic labels', () => {
    const arabic = flattenTree([leaf('a', 'المخرج: التعليم'), leaf('b', 'الهدف')], new Set())
    expect(typeAhead(arabic, 'a', 'اله')).toBe('b')
  })
})

describe('focus across changes', () => {
  const before = flattenTree(TREE, new Set(['logframe', 'goal']))

  it('stays on an item that is still there', () => {
    const after = flattenTree(TREE, new Set(['logframe', 'goal', 'vision']))
    expect(survivingFocus(before, after, 'n2')).toBe('n2')
  })

  it('moves to the nearest item before a deleted one, else after it', () => {
    const without = (key: string) => before.filter((row) => row.key !== key)
    expect(survivingFocus(before, without('n2'), 'n2')).toBe('n1')
    expect(survivingFocus(before, without('n1'), 'n1')).toBe('goal')
    const firstGone = before.filter((row) => row.key !== 'logframe')
    expect(survivingFocus(before, firstGone, 'logframe')).toBe('goal')
    expect(survivingFocus(before, [], 'n1')).toBeNull()
  })
})
