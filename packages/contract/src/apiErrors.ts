/** Machine-readable error codes of the REST API; the body is always `{ error: { code, message } }`. */
export const ApiErrorCode = {
  invalidRequest: 'invalid-request',
  boardNotFound: 'board-not-found',
  /**
   * The workshop was deleted by its facilitator (410): in the trash until it is purged, then `board-not-found`. The
   * facilitator's link also gets `deletion` in the body, to see when the purge comes and undo it before then.
   */
  boardDeleted: 'board-deleted',
  invalidToken: 'invalid-token',
  /** A participant's or viewer's link past the expiry date its facilitator set (401): it will not work again. */
  linkExpired: 'link-expired',
  forbidden: 'forbidden',
  conflict: 'conflict',
  backupNotRecognized: 'backup-not-recognized',
  backupNewerVersion: 'backup-newer-version',
  backupDamaged: 'backup-damaged',
  /**
   * The file asks more of the server than any backup could: nested too deep, too many values, a text longer
   * than a board or file may be, states claiming more content than a board may hold, or more memory or time to
   * read than a backup of its size needs.
   */
  backupTooComplex: 'backup-too-complex',
  pdfUnavailable: 'pdf-unavailable',
  tooManyExports: 'too-many-exports',
  /** An endpoint anyone may call was called too often from one address, or is busy (a restore running). */
  tooManyRequests: 'too-many-requests',
  assetNotFound: 'asset-not-found',
  payloadTooLarge: 'payload-too-large',
  /** The request's body stopped arriving, or arrived too slowly to finish in the time the server gives it. */
  requestTooSlow: 'request-too-slow',
  unsupportedMediaType: 'unsupported-media-type',
  /** The file's bytes start like an image or video but do not decode as one. */
  fileUnreadable: 'file-unreadable',
  /** The board's files together would exceed the server's per-board quota. */
  boardFilesFull: 'board-files-full',
  notFound: 'not-found',
  internal: 'internal-error',
} as const
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode]

/** The body of every API error response. `message` is English, for logs and people reading raw responses. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string }
}

/** The error code of a response body, if it is one of ours. */
export function apiErrorCodeOf(body: unknown): ApiErrorCode | undefined {
  const code = (body as Partial<ApiErrorBody> | null)?.error?.code
  return typeof code === 'string' && (Object.values(ApiErrorCode) as string[]).includes(code) ? code : undefined
}
