/** When a version was taken, as people say it: the time today, the day and time otherwise, in their language. */
export function versionTime(at: string | number, language: string, now = new Date()): string {
  const date = new Date(at)
  const today = date.toDateString() === now.toDateString()
  return new Intl.DateTimeFormat(language, {
    ...(today ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date)
}
