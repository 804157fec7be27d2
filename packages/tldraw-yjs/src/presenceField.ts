/*
 * Where a tab's tldraw presence sits in its awareness state, and the name the person gave in it: a module of its
 * own (the package's `./presence` export), so a server reads names without loading tldraw.
 */

/** Key of the tldraw presence (an `instance_presence` record) in a tab's awareness state. */
export const DEFAULT_PRESENCE_FIELD = 'tldrawPresence'

/** The name the person gave, as their presence under `field` shows it (their cursor's label), or null. */
export function presenceUserName(
  state: Readonly<Record<string, unknown>>,
  field = DEFAULT_PRESENCE_FIELD,
): string | null {
  const presence = state[field]
  if (typeof presence !== 'object' || presence === null) return null
  const name = (presence as { userName?: unknown }).userName
  return typeof name === 'string' && name !== '' ? name : null
}
