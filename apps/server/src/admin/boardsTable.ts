/** The table `npm run admin -- boards` prints: one line per workshop, for an operator's terminal. */
import type { WorkshopSummary } from '@cg/storage'

const TITLE_CHARS = 40
const HEADERS = ['ID', 'TITLE', 'BREAKOUTS', 'SIZE', 'CREATED', 'LAST OPENED', 'DELETION'] as const

/** A time as an operator reads it in a table: UTC to the minute. */
export const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`

export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`
}

/** A title as one cell: no control characters (a title must not drive the terminal), at most 40 characters. */
function titleCell(title: string): string {
  const clean = [...title.replace(/\p{Cc}/gu, ' ')]
  return clean.length > TITLE_CHARS ? `${clean.slice(0, TITLE_CHARS - 1).join('')}…` : clean.join('')
}

/** When the workshop goes: purged from the trash, or put there on its own date; empty when neither. */
function deletionCell({ board }: WorkshopSummary): string {
  if (board.deletion) return `in the trash, purged ${utcMinute(board.deletion.purgeAt)}`
  if (board.retention?.deleteOn != null) return `on ${utcMinute(board.retention.deleteOn)}`
  return ''
}

function row(workshop: WorkshopSummary): string[] {
  const { board } = workshop
  return [
    board.id,
    titleCell(board.title),
    String(workshop.breakouts),
    humanBytes(workshop.bytes),
    utcMinute(board.createdAt),
    board.openedAt === undefined ? 'never' : utcMinute(board.openedAt),
    deletionCell(workshop),
  ]
}

/** The table, columns padded to their widest cell, then a line of totals. */
export function boardsTable(workshops: readonly WorkshopSummary[]): string {
  if (workshops.length === 0) return 'No boards on this server.\n'
  const rows = [[...HEADERS], ...workshops.map(row)]
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((cells) => [...cells[column]!].length)))
  const lines = rows.map((cells) =>
    cells
      .map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length))
      .join('  ')
      .trimEnd(),
  )
  const inTrash = workshops.filter((workshop) => workshop.board.deletion).length
  const total = workshops.reduce((sum, workshop) => sum + workshop.bytes, 0)
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  lines.push('', `${plural(workshops.length, 'workshop')} (${inTrash} in the trash), ${humanBytes(total)} in all`)
  return `${lines.join('\n')}\n`
}
