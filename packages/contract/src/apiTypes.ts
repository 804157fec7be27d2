import type { LanguageCode } from './languages.ts'
import type { BoardRole } from './roles.ts'

/** One link per role; each carries its secret in the fragment (`/b/<id>#token=…`). */
export type BoardLinks = Record<BoardRole, string>

/** A board as the API shows it (`POST /api/boards`, `GET /api/boards/:id`, restore). */
export interface BoardView {
  id: string
  title: string
  /** ISO 8601. */
  createdAt: string
  /** The plenary board of a breakout board, else null. */
  parentId: string | null
  /** What the token opens this board as; the server enforces it, the UI only follows it. */
  role: BoardRole
  /** Shown to facilitators only: they are how other people get in. */
  links?: BoardLinks
  /**
   * The workshop's retention (a breakout shows its plenary's), for everyone on it: the notice a week before, and
   * the facilitator's settings. Absent from a server older than retention.
   */
  retention?: WorkshopRetention
}

/**
 * When a workshop goes (ISO 8601, or null for never): `deleteOn`, set by its facilitator, is when it goes to the
 * trash by itself; `linksExpireAt` is when its participant and viewer links stop working (the facilitator's never
 * expires). `idleDeleteOn` is when the server's `RETAIN_IDLE_DAYS` deletes it if nobody opens it before (null when
 * that is off); opening it moves the date on.
 */
export interface WorkshopRetention {
  deleteOn: string | null
  linksExpireAt: string | null
  idleDeleteOn: string | null
}

/** `POST /api/boards/:id/retention` (facilitator, plenary only): both dates, ISO 8601 or null for never. */
export interface RetentionRequest {
  deleteOn: string | null
  linksExpireAt: string | null
}

/** `GET /api/config`: what the browser needs before it opens a board. */
export interface ClientConfig {
  tldrawLicenseKey: string | null
  maxAssetBytes: number
  /**
   * How long a deleted workshop stays in the trash before it is purged, in days (may be fractional), for the
   * facilitator's delete dialog. Absent from a server (or a device's saved copy) older than deletion.
   */
  deletedBoardDays?: number
  /** `RETAIN_IDLE_DAYS`: a workshop nobody opened for that many days is deleted; null when off. */
  retainIdleDays?: number | null
}

/** `POST /api/boards`. */
export interface CreateBoardRequest {
  title: string
}

/** `POST /api/boards/:id/links/rotate`: with `facilitator`, the facilitator link too (and with it every link). */
export interface RotateLinksRequest {
  facilitator?: boolean
}

/** `POST /api/boards/:id/links/rotate`: the links as they are now. */
export interface RotateLinksResult {
  links: BoardLinks
}

/** A workshop in the trash: when its facilitator deleted it, and when everything of it will be purged (ISO 8601). */
export interface BoardDeletion {
  deletedAt: string
  purgeAt: string
}

/** `DELETE /api/boards/:id`: in the trash until `purgeAt`; with `?purge=now`, `purged` and already gone. */
export interface DeleteBoardResult {
  purged: boolean
  deletion: BoardDeletion | null
}

/** The body of `410 board-deleted`; `deletion` only for the facilitator's link. */
export interface BoardDeletedBody {
  error: { code: 'board-deleted'; message: string }
  deletion?: BoardDeletion
}

/**
 * The body of `401 link-expired`. `expiredAt` (ISO 8601), when the server gives it, is when the link stopped working:
 * the page says so in the person's language (a page that opened the board before the date was set cannot know it).
 */
export interface LinkExpiredBody {
  error: { code: 'link-expired'; message: string }
  expiredAt?: string
}

/** `GET /api/time`: the server's clock (ms since the epoch), which the shared timer runs on. */
export interface ServerTime {
  now: number
}

/** `GET /healthz`. */
export interface HealthStatus {
  status: 'ok' | 'unavailable'
}

/** `POST /api/boards/:id/assets`. */
export interface UploadedAsset {
  id: string
  url: string
  mimeType: string
}

/** `GET` and `POST /api/boards/:id/breakouts`. */
export interface BreakoutBoards {
  /** `createdAt`: when the group started (ms since the epoch), for the report's agenda. */
  boards: { id: string; title: string; createdAt: number }[]
}

/** `POST /api/boards/:id/breakouts`: one breakout board per group. */
export interface CreateBreakoutsRequest {
  groups: { name: string }[]
}

/** `POST /api/boards/:id/private/reveal`: with `anonymous`, the drafts go to the board without their authors. */
export interface RevealRequest {
  anonymous: boolean
}

/** `POST /api/boards/:id/private/reveal`. */
export interface RevealResult {
  revealed: number
}

/** How a PDF is laid out: the export request's body, and the print view's URL fragment. */
export interface PrintOptions {
  paper: 'a4' | 'letter'
  orientation: 'landscape' | 'portrait'
  /** A first page with the whole board. */
  overview: boolean
  /** The workshop report (cover, contents, plenary and breakout boards, vote tallies) instead of one board. */
  report: boolean
  /** The language of the report's own words. */
  lang: LanguageCode
  /** PDF, or (for a report) an editable Word document. */
  format: ExportFormat
}

export const EXPORT_FORMATS = ['pdf', 'docx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export type ExportStatus = 'running' | 'done' | 'failed' | 'cancelled'

/** `POST /api/boards/:id/exports`: what is not given is the default (see DEFAULT_PRINT_OPTIONS). */
export type ExportRequest = Partial<PrintOptions>

/** `POST /api/boards/:id/exports`: the job to watch. */
export interface StartExportResult {
  id: string
}

/** `GET /api/exports/:jobId`. */
export interface ExportJobView {
  id: string
  status: ExportStatus
  /** Pages rendered so far, of `total` (0 until the board is loaded). */
  done: number
  total: number
  error?: string
}

/** What the print view reports on `window.__cgPrint` while it renders, read by the server that drives it. */
export interface PrintProgress {
  total: number
  done: number
  ready: boolean
  error: string | null
  /** Page titles, once ready. */
  pages: string[]
  /** A report, once ready: its document (checked by the server against `@cg/report`'s schema). */
  document?: unknown
}

/** Why a version of a board was taken. */
export const VersionReason = {
  /** Every few minutes while the board changes. */
  interval: 'interval',
  /** When the last person left and the board was put away. */
  unload: 'unload',
  /** Just before a restore replaced the board's content (restoring it undoes the restore). */
  beforeRestore: 'before-restore',
  /** Just before the breakout groups' work was brought back. */
  beforeBringBack: 'before-bring-back',
  /** Just before one change deleted many shapes at once. */
  beforeLargeDeletion: 'before-large-deletion',
  /** Saved by a facilitator, with a name. */
  named: 'named',
} as const
export type VersionReason = (typeof VersionReason)[keyof typeof VersionReason]

/** One version in `GET /api/boards/:id/versions` (newest first). */
export interface VersionView {
  id: string
  /** ISO 8601. */
  createdAt: string
  name: string | null
  reason: VersionReason
  shapes: number
}

/** `GET /api/boards/:id/versions`. */
export interface VersionList {
  versions: VersionView[]
}

/** `POST /api/boards/:id/versions`: a named version, or one taken just before the breakouts' work comes back. */
export type SaveVersionRequest =
  | { name: string; reason?: typeof VersionReason.named }
  | { name?: string; reason: typeof VersionReason.beforeBringBack }

/** `POST /api/boards/:id/versions`. */
export interface SaveVersionResult {
  id: string
  /** ISO 8601. */
  createdAt: string
  name: string | null
}

/** `POST /api/boards/:id/versions/:versionId/restore`: the version restored, and the one taken just before. */
export interface RestoreVersionResult {
  restored: string
  before: string | null
}

/** `GET /api/boards/:id/versions/:versionId`: a version's content, for a read-only preview. */
export interface VersionContentView extends VersionView {
  /** Every record of the board at that moment. */
  records: unknown[]
  /** Co-drafted texts by their root name (`codraft:<shape id>`). */
  texts: Record<string, string>
  /** The tldraw schema the records were written with (null if the board had none yet). */
  schema: unknown
}

/**
 * What the audit log records, per workshop. It names who did what, never what a note says: a join carries the name a
 * person typed and their link's role, an export its format, a version its name.
 */
export const AuditKind = {
  /** Someone opened a board of the workshop (the name they gave, their link's role, which board). */
  joined: 'joined',
  linksReplaced: 'links-replaced',
  /** The participant and viewer links reached their expiry date (recorded once, by the sweep). */
  linksExpired: 'links-expired',
  /** The facilitator changed the deletion date or the links' expiry (`detail`: the new dates). */
  retentionSet: 'retention-set',
  /** A PDF, Word or spreadsheet export was started (`detail`: the format). */
  exported: 'exported',
  backupDownloaded: 'backup-downloaded',
  /** The workshop was created by restoring a backup. */
  backupRestored: 'backup-restored',
  versionSaved: 'version-saved',
  versionRestored: 'version-restored',
  /** Private drafts were revealed (`detail`: how many, and whether anonymously). */
  draftsRevealed: 'drafts-revealed',
  voteEnded: 'vote-ended',
  /** To the trash (`detail`: `facilitator`, `purge-now`, `scheduled`, `idle` or `operator`). */
  deletionScheduled: 'deletion-scheduled',
  deletionUndone: 'deletion-undone',
} as const
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind]

/** One entry of a workshop's audit log as the API shows it. */
export interface AuditEntryView {
  /** ISO 8601. */
  at: string
  kind: AuditKind
  /** The board it happened on (the plenary or a breakout). */
  boardId: string
  /** The name the person gave (self-declared, as on the board), or null when the server did it or none was given. */
  name: string | null
  role: BoardRole | null
  /** A few words about it (a format, a version's name, dates); never a note's content. */
  detail: string | null
}

/** `GET /api/boards/:id/audit` (facilitator): newest first. */
export interface AuditLogView {
  entries: AuditEntryView[]
  /** Pass as `?before=` for older entries; null when there are none. */
  before: string | null
}
