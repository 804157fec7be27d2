/** This device's participant identity: a stable user id, a chosen display name and a colour. */

export interface Identity {
  /** tldraw requires user ids to start with `user:`. */
  id: `user:${string}`
  name: string
  color: string
}

const STORAGE_KEY = 'cg.identity'
// Distinct, readable cursor colours (enough contrast on white).
const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#e6550d', '#8c564b', '#e377c2', '#17becf', '#bcbd22']

export function loadIdentity(): Identity | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Identity> | null
    if (parsed && typeof parsed.name === 'string' && parsed.name.trim() && parsed.id?.startsWith('user:')) {
      return { id: parsed.id, name: parsed.name, color: parsed.color ?? COLORS[0]! }
    }
  } catch {
    // A damaged entry is treated as no identity: the person is simply asked their name again.
  }
  return null
}

export function saveIdentity(name: string): Identity {
  const existing = loadIdentity()
  const identity: Identity = {
    id: existing?.id ?? `user:${crypto.randomUUID()}`,
    name: name.trim(),
    color: existing?.color ?? COLORS[Math.floor(Math.random() * COLORS.length)]!,
  }
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity))
  return identity
}
