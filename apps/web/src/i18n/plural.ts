import type { MessageKey } from './messages.ts'

/**
 * "1 vote" / "3 votes": the singular message for exactly one, else the general one with `{n}`. Two forms
 * cover English, French and Spanish; Arabic's dual and few forms read acceptably with its general form.
 */
export function countMessage(t: (key: MessageKey) => string, n: number, one: MessageKey, other: MessageKey): string {
  return n === 1 ? t(one) : t(other).replace('{n}', String(n))
}
