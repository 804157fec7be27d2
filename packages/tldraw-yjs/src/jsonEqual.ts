/**
 * Deep equality for JSON-like values (tldraw records). Used to skip writes that would not change the doc,
 * which keeps echoes and redundant updates out of the Yjs history.
 * `undefined` properties count as absent, as they do once a record has crossed the wire.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, i) => jsonEqual(value, b[i]))
  }
  const aObj = a as Record<string, unknown>
  const bObj = b as Record<string, unknown>
  const aKeys = Object.keys(aObj).filter((k) => aObj[k] !== undefined)
  const bKeys = Object.keys(bObj).filter((k) => bObj[k] !== undefined)
  if (aKeys.length !== bKeys.length) return false
  return aKeys.every((k) => Object.hasOwn(bObj, k) && jsonEqual(aObj[k], bObj[k]))
}
