import type { MessageKey } from './messages.ts'

/**
 * "1 vote" / "3 votes": the singular message where the language's plural rules say "one" (so French also says
 * "0 vote"), else the general one. Both may hold `{n}`. Arabic's dual and few forms read acceptably with its
 * general form.
 */
export function countMessage(
  t: (key: MessageKey) => string,
  n: number,
  one: MessageKey,
  other: MessageKey,
  language = document.documentElement.lang || 'en',
): string {
  const key = new Intl.PluralRules(language).select(n) === 'one' ? one : other
  return t(key).replace('{n}', String(n))
}
