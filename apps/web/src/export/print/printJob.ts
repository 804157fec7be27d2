import { roomName } from '@cg/contract'
import { BoardConnection } from '../../board/BoardConnection.ts'
import { $templateCatalog } from '../../board/shapes/templateCatalogAtom.ts'
import { fetchBoard, fetchBreakouts, fetchClientConfig, fetchTemplateCatalog } from '../../shared/api.ts'
import { printTargets, readWorkshopRecord, type PrintTarget, type WorkshopRecord } from './workshopRecord.ts'

/** How long the workshop's facilitation room may take to load before the export gives up. */
const ROOM_TIMEOUT_MS = 60_000

/** What a print needs before it draws anything. */
export interface PrintJob {
  targets: PrintTarget[]
  workshop: WorkshopRecord
  licenseKey: string | null
}

/**
 * What to print: the board, or for a report the plenary and its breakouts, with the workshop state read from the
 * plenary's facilitation room. Resolves with the job, or with what failed (for the server driving the page); `close`
 * shuts the room. Sets the template catalog on the way: template scaffold prints in the requester's language, as
 * their screen shows it.
 */
export function loadPrintJob(
  boardId: string,
  token: string,
  report: boolean,
): { job: Promise<PrintJob | { error: string }>; close: () => void } {
  let connection: BoardConnection | undefined
  const job = (async () => {
    const [board, config, catalog] = await Promise.all([
      fetchBoard(boardId, token),
      fetchClientConfig(),
      fetchTemplateCatalog(),
    ])
    if (!board.ok) return { error: `board: ${board.code}` }
    if (catalog.ok) $templateCatalog.set(catalog.value)
    // A breakout board's workshop state (its slides) is its plenary's.
    connection = new BoardConnection(
      roomName({ channel: 'facilitation', boardId: board.value.parentId ?? boardId }),
      token,
      { cache: false, announce: false },
    )
    const licenseKey = config.ok ? config.value.tldrawLicenseKey : null
    let breakouts: { id: string; title: string; createdAt: number }[] = []
    if (report) {
      const found = await fetchBreakouts(boardId, token)
      if (!found.ok) return { error: `breakouts: ${found.code}` }
      breakouts = found.value.boards
    }
    // A room the server refuses never becomes ready: say so rather than wait for the export's deadline.
    const ready = await Promise.race([
      connection.ready().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), ROOM_TIMEOUT_MS)),
    ])
    if (!ready) return { error: 'the workshop state could not be read' }
    const targets = printTargets({ id: boardId, title: board.value.title }, breakouts)
    return { targets, workshop: readWorkshopRecord(connection.doc, board.value.title), licenseKey }
  })()
  return { job, close: () => connection?.destroy() }
}
