/** A file name stem that survives every operating system, from a title people typed (any script). */
export function safeFileStem(title: string, maxLength = Infinity): string {
  return (
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, maxLength) || 'board'
  )
}

/** A Content-Disposition for a download: an ASCII fallback name, and the real one in UTF-8 (RFC 6266). */
export function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
