import type * as Api from './apiTypes.ts'

/*
 * Every path the server answers, written once: the express pattern its router matches (`/api/boards/:id`), the
 * builder that makes one path of it (`path({ id })`, each parameter URI-encoded), and for the API the JSON each
 * endpoint reads and answers. The server's routers, the web app's API client and links, and tests all take their
 * paths from here.
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

/** The parameters a pattern names: `'/b/:id/versions/:versionId'` gives `'id' | 'versionId'`. */
export type ParamNames<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Pattern extends `${string}:${infer Name}`
    ? Name
    : never

/** A value for each parameter of a pattern (`{}` for a pattern with none). */
export type PathParams<Pattern extends string> = { readonly [Name in ParamNames<Pattern>]: string }

export interface Route<Pattern extends string = string> {
  /** What the server's router matches, in express's syntax. */
  readonly pattern: Pattern
  /** One path of the pattern, each parameter URI-encoded. */
  path(params: PathParams<Pattern>): string
  /**
   * The parameters of a path this route answers (decoded; a trailing slash allowed, as express allows it), or
   * undefined. Throws (URIError) on broken percent-encoding.
   */
  match(pathname: string): PathParams<Pattern> | undefined
}

/** A route of the API: its method, and the types of the body it reads and of the answer it gives. */
export interface Endpoint<
  Method extends HttpMethod = HttpMethod,
  Pattern extends string = string,
  Request = unknown,
  Response = unknown,
> extends Route<Pattern> {
  readonly method: Method
  /** Never set: it only carries the request's and the response's types, for `RequestOf` and `ResponseOf`. */
  readonly types?: { readonly request: Request; readonly response: Response }
}

/** What an endpoint reads: its JSON body's type, `Blob` for a file, `NoBody` for none. */
export type RequestOf<E extends Endpoint> = NonNullable<E['types']>['request']
/** What an endpoint answers with: its JSON's type, `Blob` for a file, `NoBody` for none. */
export type ResponseOf<E extends Endpoint> = NonNullable<E['types']>['response']

/** A request without a body, or an answer without one (204). */
export type NoBody = undefined

/** A pattern as a regular expression's source, each parameter one path segment: `/b/([^/]+)/print`. */
export function patternSource(pattern: string): string {
  return pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([^/]+)')
}

function route<Pattern extends string>(pattern: Pattern): Route<Pattern> {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)
  const matcher = new RegExp(`^${patternSource(pattern)}/?$`)
  return {
    pattern,
    path: (params) =>
      pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]!)),
    match(pathname) {
      const found = matcher.exec(pathname)
      if (!found) return undefined
      return Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]),
      ) as PathParams<Pattern>
    },
  }
}

/** An endpoint, typed in two steps (`endpoint(method, pattern)<Request, Response>()`) so the pattern is inferred. */
function endpoint<Method extends HttpMethod, Pattern extends string>(method: Method, pattern: Pattern) {
  return <Request, Response>(): Endpoint<Method, Pattern, Request, Response> => ({ method, ...route(pattern) })
}

/** Where every API path starts: below it, an unknown path answers the API's JSON 404, not a page. */
export const API_BASE = '/api'

/** The REST API. Boards and their parts are opened with a link's token (`Authorization: Bearer <token>`). */
export const ApiRoutes = {
  /** What the browser needs before it opens a board. */
  config: endpoint('GET', '/api/config')<NoBody, Api.ClientConfig>(),
  /** The template catalog: `@cg/templates`' `TemplateCatalog` (this package imports nothing to name it). */
  templates: endpoint('GET', '/api/templates')<NoBody, unknown>(),
  time: endpoint('GET', '/api/time')<NoBody, Api.ServerTime>(),

  createBoard: endpoint('POST', '/api/boards')<Api.CreateBoardRequest, Api.BoardView>(),
  /** A backup file (`downloadBackup`) restored as a new workshop. */
  restoreBackup: endpoint('POST', '/api/boards/restore')<Blob, Api.BoardView>(),
  getBoard: endpoint('GET', '/api/boards/:id')<NoBody, Api.BoardView>(),
  /** Facilitator: the whole workshop to the trash (`?purge=now`: purged at once). Only a plenary board. */
  deleteBoard: endpoint('DELETE', '/api/boards/:id')<NoBody, Api.DeleteBoardResult>(),
  /** Facilitator: takes the workshop out of the trash. */
  undeleteBoard: endpoint('POST', '/api/boards/:id/undelete')<NoBody, Api.BoardView>(),
  rotateLinks: endpoint('POST', '/api/boards/:id/links/rotate')<Api.RotateLinksRequest, Api.RotateLinksResult>(),
  downloadBackup: endpoint('GET', '/api/boards/:id/backup')<NoBody, Blob>(),
  /** Facilitator, plenary only: when the workshop is deleted, when its participant and viewer links expire. */
  setRetention: endpoint('POST', '/api/boards/:id/retention')<Api.RetentionRequest, Api.WorkshopRetention>(),
  /** Facilitator: the workshop's audit log, newest first (`?before=` for older entries). */
  getAudit: endpoint('GET', '/api/boards/:id/audit')<NoBody, Api.AuditLogView>(),
  /** Facilitator: the whole audit log as CSV (UTF-8 with a byte order mark, so spreadsheets read Arabic names). */
  downloadAudit: endpoint('GET', '/api/boards/:id/audit/csv')<NoBody, Blob>(),

  uploadAsset: endpoint('POST', '/api/boards/:id/assets')<Blob, Api.UploadedAsset>(),
  /** Open to anyone with the address (ids are unguessable): images load in `<img>`, without headers. */
  getAsset: endpoint('GET', '/api/boards/:id/assets/:assetId')<NoBody, Blob>(),

  /** The ended session with its tally: `@cg/facilitation`'s `VotingSession`. */
  endVote: endpoint('POST', '/api/boards/:id/votes/:sessionId/end')<NoBody, unknown>(),
  revealDrafts: endpoint('POST', '/api/boards/:id/private/reveal')<Api.RevealRequest, Api.RevealResult>(),
  createBreakouts: endpoint('POST', '/api/boards/:id/breakouts')<Api.CreateBreakoutsRequest, Api.BreakoutBoards>(),
  listBreakouts: endpoint('GET', '/api/boards/:id/breakouts')<NoBody, Api.BreakoutBoards>(),

  listVersions: endpoint('GET', '/api/boards/:id/versions')<NoBody, Api.VersionList>(),
  saveVersion: endpoint('POST', '/api/boards/:id/versions')<Api.SaveVersionRequest, Api.SaveVersionResult>(),
  getVersion: endpoint('GET', '/api/boards/:id/versions/:versionId')<NoBody, Api.VersionContentView>(),
  restoreVersion: endpoint('POST', '/api/boards/:id/versions/:versionId/restore')<NoBody, Api.RestoreVersionResult>(),

  startExport: endpoint('POST', '/api/boards/:id/exports')<Api.ExportRequest, Api.StartExportResult>(),
  getExport: endpoint('GET', '/api/exports/:jobId')<NoBody, Api.ExportJobView>(),
  exportFile: endpoint('GET', '/api/exports/:jobId/file')<NoBody, Blob>(),
  cancelExport: endpoint('DELETE', '/api/exports/:jobId')<NoBody, NoBody>(),
}

/**
 * The web app's pages, each served as the app's shell. A board link carries its token in the fragment
 * (`/b/<id>#token=…`), which browsers never send to the server.
 */
export const PageRoutes = {
  home: route('/'),
  board: route('/b/:id'),
  /** What headless Chromium turns into a PDF or a report. */
  print: route('/b/:id/print'),
  /** A version of a board, read-only. */
  version: route('/b/:id/versions/:versionId'),
  /** The board as an outline: a page of its own that never loads the canvas (screen readers, keyboards, slow links). */
  outline: route('/b/:id/outline'),
}

/** For operators: outside the API, never opened by the web app. */
export const ServiceRoutes = {
  health: endpoint('GET', '/healthz')<NoBody, Api.HealthStatus>(),
  /** Prometheus' text format, with `Authorization: Bearer <METRICS_TOKEN>`. */
  metrics: endpoint('GET', '/metrics')<NoBody, string>(),
}

const SOCKET_PATH = /^\/ws\/([^/?]+)$/

/** The websocket of a room (see `roomName`): `/ws/<room name>`. */
export const SocketRoute = {
  /** The address a y-websocket client is given: it appends `/<room name>` itself. */
  base: '/ws',
  ...route('/ws/:room'),
  /**
   * The room name of a websocket request's path, or undefined for any other path. Throws (URIError) on broken
   * percent-encoding (`/ws/%E0%A4%A`).
   */
  roomOf(pathname: string): string | undefined {
    const match = SOCKET_PATH.exec(pathname)
    return match ? decodeURIComponent(match[1]!) : undefined
  },
}
