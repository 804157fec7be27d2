/**
 * A seeded generator of hostile HTTP requests for every route of the server (test/integration/http-fuzz.test.ts).
 *
 * Every request is hostile by construction: a request to a route that changes something always carries at least
 * one fault that makes the server refuse it (a token that does not open the board or has too little of a role, an
 * id that names no board, a method the path does not serve, or a body the route's parser or schema refuses), so
 * that what is stored can be compared before and after. Requests to routes that only read may succeed.
 * The same seed gives the same requests (ids and tokens apart), so a failure replays from its seed and index.
 */
import type { Random } from './prng.ts'

export type Role = 'facilitator' | 'editor' | 'viewer'
const ROLES: readonly Role[] = ['viewer', 'editor', 'facilitator']

/** One route of the server, as the fuzzer needs to know it. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE'
  /** With parameters `:id` (a board), `:versionId`, `:assetId`, `:sessionId`, `:jobId`, `:file` (a built file). */
  path: string
  /** The least a request needs: no token, a board link's role, or the metrics token. */
  auth: 'none' | Role | 'metrics'
  /** What the route reads from the body: nothing, JSON (`express.json`) or bytes (`express.raw`). */
  body: 'none' | 'json' | 'raw'
  /** Accepted, it changes something stored (or starts work): the fuzzer then guarantees a refusal. */
  mutates: boolean
  /** JSON routes: the parser's limit in bytes. Raw routes: the server's limit for the body. */
  limit?: number
  /** JSON routes: an absent or unparsed body counts as `{}`, which the route accepts. */
  emptyBodyAccepted?: boolean
  /** JSON routes: the field the schema checks first, and its type, to get wrong. */
  field?: { name: string; type: 'boolean' | 'string' | 'enum' | 'array' }
  /** JSON routes: well-formed JSON texts, mostly of the right types, whose values the route refuses. */
  refusedBodies?: readonly string[]
  /** Why any request to this route is refused whatever else it holds (e.g. an export id that does not exist). */
  alwaysRefused?: string
}

/** What the requests are aimed at: real ids and tokens, so that only the fault made on purpose is wrong. */
export interface FuzzTargets {
  boardId: string
  breakoutId: string
  tokens: Record<Role, string>
  /** Another board's: its tokens are valid tokens, of the wrong board. */
  otherBoardId: string
  otherTokens: Record<Role, string>
  versionId: string
  assetId: string
  metricsToken: string
  /** Paths of files the web app build serves (`/sw.js`, `/assets/…`). */
  staticFiles: readonly string[]
  /** A real backup of the board, to cut, damage and resend. */
  backup: Buffer
  /** A real small PNG, to damage. */
  png: Buffer
}

/** A body too large to hold: `head`, then `fill` repeated, `size` bytes in all, written as it is sent. */
export interface StreamedBody {
  size: number
  head: Buffer
  fill: Buffer
}

/** Sent with node:http (well-formed HTTP, any bytes in path and header values). */
export interface HttpSend {
  via: 'http'
  method: string
  /** As written on the request line (latin1: a UTF-8 byte per character). */
  path: string
  headers: Record<string, string>
  body?: Buffer | StreamedBody
}

/** Written on a plain TCP connection as it is: malformed requests, wrong Content-Length, broken upgrades. */
export interface RawSend {
  via: 'raw'
  bytes: Buffer
  /** End our side after writing (the server sees the rest of a declared body never come). */
  halfClose: boolean
  /** How long to wait for the server to answer or close before leaving. */
  waitMs: number
}

/** A request whose body comes a few bytes at a time (or not at all), abandoned before it ends. */
export interface SlowSend {
  via: 'slow'
  head: Buffer
  pieces: Buffer[]
  everyMs: number
  /** The connection is destroyed this long after the head was written. */
  holdMs: number
}

export interface FuzzRequest {
  index: number
  /** The route aimed at (`POST /api/boards/:id/links/rotate`), or the kind of raw request. */
  route: string
  /** What was made hostile. */
  tags: string[]
  /** `refused`: must not succeed (it would change something). `read`: may succeed, changes nothing. */
  expect: 'refused' | 'read'
  /** The path is under /api, so an error must be our JSON error body. */
  api: boolean
  /** Sent again while the server answers 429 (busy), so that it is read at all (one restore runs at a time). */
  resendWhileBusy?: boolean
  send: HttpSend | RawSend | SlowSend
}

const MiB = 1024 * 1024

/** A string's UTF-8 bytes as a latin1 string: how node:http writes non-ASCII into a request line or header. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1')
}

const RTL = '\u202e'

/** Random characters of the URL-safe alphabet board ids and tokens use. */
function idChars(random: Random, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[random.int(0, alphabet.length - 1)]
  return out
}

function junkBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length)
  for (let i = 0; i < length; i++) bytes[i] = random.int(0, 255)
  // Never the start of a JSON value or of a file signature the server accepts.
  if (length > 0) bytes[0] = 0xff
  return bytes
}

/** Large junk is a random block repeated: cheap to make, the server still reads every byte. */
function bigJunk(random: Random, length: number): Buffer {
  const block = junkBytes(random, 4096)
  const out = Buffer.allocUnsafe(length)
  for (let at = 0; at < length; at += block.length) block.copy(out, at)
  if (length > 0) out[0] = 0xff
  return out
}

/**
 * Ids that decode to something other than a board's id (a board id is 22 URL-safe characters), never to
 * `restore` (`POST /api/boards/restore` is a route of its own).
 */
const ID_CORRUPTIONS: readonly ((id: string, random: Random) => [string, string])[] = [
  (id) => [`${id}..`, 'id..'],
  (id) => [`..%2f${id}`, 'id%2f'],
  (id) => [`${id}%2f..%2f..%2f`, 'id%2f..'],
  (id) => [`${id}%00`, 'id%00'],
  (id) => [`%00${id}`, '%00id'],
  (id) => [id.slice(0, -1), 'id-short'],
  (id) => [`${id}A`, 'id-long'],
  (id) => [`${id.slice(0, -2)}%E0%A4%A`, 'id-bad-encoding'],
  () => ['A'.repeat(10_000), 'id-10k'],
  (id) => [id.repeat(455).slice(0, 10_000), 'id-10k-repeat'],
  (id) => [`${id}${utf8Bytes(RTL)}`, 'id-rtl-raw'],
  (id) => [`%E2%80%AE${id}`, 'id-rtl-encoded'],
  (id) => [utf8Bytes(`${RTL}${[...id].reverse().join('')}`), 'id-rtl-reversed'],
  (_id, random) => [idChars(random, 22), 'id-unknown'],
  (id) => [id.toUpperCase() === id ? id.toLowerCase() : id.toUpperCase(), 'id-case'],
  () => ['..', 'id-dotdot'],
  () => ['%2e%2e', 'id-dotdot-encoded'],
  () => ['%252e%252e%252f', 'id-double-encoded'],
  () => ['.', 'id-dot'],
  (_id, random) => [random.pick(['null', 'undefined', '__proto__', 'constructor', 'NaN', '0', '-1']), 'id-word'],
  (id) => [`${encodeURIComponent('١٢٣٤')}${id}`, 'id-unicode'],
  (id) => [`${utf8Bytes('ﬁ𝔟ø')}${id.slice(3)}`, 'id-unicode-raw'],
  (id) => [`${id}%20`, 'id-space'],
  (id) => [`${id};x=1`, 'id-semicolon'],
  (id) => [`${id}%0d%0aX-Injected:%201`, 'id-crlf'],
  (id) => [`${id}%`, 'id-lone-percent'],
  (id) => [`${id}%u202e`, 'id-%u'],
  (id) => [`${id}\\..\\..`, 'id-backslash'],
]

function corruptId(random: Random, id: string, tags: string[]): string {
  const [corrupted, tag] = random.pick(ID_CORRUPTIONS)(id, random)
  tags.push(tag)
  return corrupted
}

/**
 * Authorization values that open no board with any role whatever the reading of the header (absent, not a
 * token, a token with bytes added or cut, too large for a header, another scheme).
 */
function noToken(random: Random, targets: FuzzTargets, tags: string[]): string | undefined {
  const real = random.pick(Object.values(targets.tokens))
  const options: readonly (() => [string | undefined, string])[] = [
    () => [undefined, 'token-absent'],
    () => ['', 'token-empty-header'],
    () => ['Bearer', 'token-bearer-only'],
    () => ['Bearer ', 'token-empty'],
    () => [`Bearer ${idChars(random, 43)}`, 'token-unknown'],
    () => [`Bearer ${real}x`, 'token-extended'],
    () => [`Bearer ${real.slice(0, -1)}`, 'token-cut'],
    () => [`Bearer ${real.slice(0, 20)}${utf8Bytes(RTL)}${real.slice(20)}`, 'token-rtl'],
    () => [`Bearer ${'A'.repeat(random.pick([1_000, 8_000, 12_000]))}`, 'token-huge'],
    () => [`Bearer ${'A'.repeat(70_000)}`, 'token-over-header-limit'],
    () => [`Bearer ../../${real.slice(4)}`, 'token-dotdot'],
    () => [`Bearer %00${real}`, 'token-%00'],
    () => [`Bearer ${random.pick(['null', 'undefined', '[object Object]', 'true', '{}', '*'])}`, 'token-word'],
    () => [`Basic ${Buffer.from(`x:${idChars(random, 10)}`).toString('base64')}`, 'token-basic'],
    () => [`bearer ${idChars(random, 43)}`, 'token-scheme-case'],
    () => [`Bearer ${idChars(random, 43)}, Bearer ${idChars(random, 43)}`, 'token-list'],
    () => [utf8Bytes(`Bearer ${RTL}${idChars(random, 43)}`), 'token-unicode'],
    () => [
      `Bearer ${junkBytes(random, 40)
        .toString('latin1')
        .replace(/[^\x20-\x7e\x80-\xff]/g, 'x')}`,
      'token-binary',
    ],
  ]
  const [value, tag] = random.pick(options)()
  tags.push(tag)
  return value
}

type Grant = 'none' | 'metrics' | Role | 'other-board'

/** The Authorization header for a token of `grant` (for `other-board`: a token of another board, any role). */
function authHeader(random: Random, targets: FuzzTargets, grant: Grant): string | undefined {
  if (grant === 'none') return undefined
  if (grant === 'metrics') return `Bearer ${targets.metricsToken}`
  if (grant === 'other-board') return `Bearer ${targets.otherTokens[random.pick(ROLES)]}`
  return `Bearer ${targets.tokens[grant]}`
}

/** Roles below `minimum`, which it refuses with 403. */
function rolesBelow(minimum: Role): Role[] {
  return ROLES.slice(0, ROLES.indexOf(minimum))
}

/** A JSON value of the wrong type for a field of `type`. */
function wrongTyped(random: Random, type: NonNullable<RouteSpec['field']>['type']): unknown {
  switch (type) {
    case 'boolean':
      return random.pick<unknown>(['true', 'false', 1, 0, null, [], {}, 'yes', [true]])
    case 'string':
      return random.pick<unknown>([5, true, null, [], {}, ['x'], { toString: 'x' }, 1e308])
    case 'enum':
      return random.pick<unknown>(['A4', 'a4 ', '', 5, null, '__proto__', `${RTL}a4`, ['a4'], 'constructor'])
    case 'array':
      return random.pick<unknown>(['x', {}, 5, null, [], [null], [[]], [5], { length: 1, 0: { name: 'x' } }])
  }
}

/** Arrays nested `depth` deep: `[[[…]]]`. */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

/** Objects nested `depth` deep inside `field`, so no reading of the body finds a valid value there. */
function nestedInField(field: string, depth: number): string {
  return `{"${field}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`
}

interface BodyPlan {
  body?: Buffer
  contentType?: string
  contentEncoding?: string
  /**
   * An empty prefix of this body (sent with `Content-Length: 0`) could be accepted: the route takes `{}`. Any
   * longer prefix of a body planned here is refused.
   */
  emptyPrefixAccepted: boolean
}

/** Content types express.json() parses. */
const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;charset=UTF-8',
]

/** Content types express.json() leaves unread (the route then sees no body). */
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'image/png',
  'application/jsonx',
  'json',
  utf8Bytes(`application/json${RTL}`),
  '*/*',
  '',
]

/**
 * A body a JSON route refuses even with a token that is good enough: bad JSON, JSON too deep, too large, of the
 * wrong type, in a charset or encoding it refuses, or (for routes that need a body) not JSON at all.
 */
function refusedJsonBody(random: Random, route: RouteSpec, tags: string[]): BodyPlan {
  const field = route.field!
  const limit = route.limit ?? 16 * 1024
  const json = (text: string): BodyPlan => ({
    body: Buffer.from(text),
    contentType: random.pick(JSON_TYPES),
    emptyPrefixAccepted: !!route.emptyBodyAccepted,
  })
  const options: (() => BodyPlan)[] = [
    () => {
      tags.push('json-truncated')
      const whole = JSON.stringify({ [field.name]: wrongTyped(random, field.type), pad: 'x'.repeat(random.int(0, 40)) })
      return json(whole.slice(0, random.int(1, whole.length - 1)))
    },
    () => {
      tags.push('json-nested-arrays')
      return json(nestedArrays(random.pick([50, 1_000, Math.floor(limit / 2) - 1, 100_000])))
    },
    () => {
      tags.push('json-nested-in-field')
      return json(nestedInField(field.name, random.pick([50, 500, Math.floor(limit / 6) - 2, 100_000])))
    },
    () => {
      tags.push('json-wrong-type')
      return json(JSON.stringify({ [field.name]: wrongTyped(random, field.type) }))
    },
    () => {
      tags.push('json-top-level')
      return json(random.pick(['null', 'true', '0', '"x"', '[]', '[null]', '[{}]', '1e999', '-0']))
    },
    () => {
      tags.push('json-duplicate-key')
      const wrong = JSON.stringify(wrongTyped(random, field.type))
      return json(`{"${field.name}":${field.type === 'boolean' ? 'false' : '"x"'},"${field.name}":${wrong}}`)
    },
    () => {
      tags.push('json-too-large')
      const size = random.pick([limit + 1, limit * 4, 3 * MiB])
      const text = `{"${field.name}":"${'x'.repeat(size)}"}`
      return json(text)
    },
    () => {
      tags.push('json-binary')
      return { ...json(''), body: junkBytes(random, random.int(1, 2048)) }
    },
    () => {
      tags.push('json-charset')
      return {
        body: Buffer.from(JSON.stringify({ [field.name]: wrongTyped(random, field.type) })),
        contentType: `application/json; charset=${random.pick(['utf-7', 'koi8-r', 'utf-16', 'utf-32', 'x-junk', 'latin1'])}`,
        emptyPrefixAccepted: !!route.emptyBodyAccepted,
      }
    },
    () => {
      tags.push('json-content-encoding')
      return {
        body: junkBytes(random, random.int(1, 512)),
        contentType: random.pick(JSON_TYPES),
        contentEncoding: random.pick(['gzip', 'deflate', 'br', 'x-compress', 'gzip, gzip', 'zstd']),
        emptyPrefixAccepted: !!route.emptyBodyAccepted,
      }
    },
  ]
  if (route.refusedBodies?.length) {
    options.push(() => {
      tags.push('json-refused-value')
      return json(random.pick(route.refusedBodies!))
    })
  }
  // A route that needs a body refuses one it does not read: no content type, or one that is not JSON.
  if (!route.emptyBodyAccepted) {
    options.push(() => {
      tags.push('content-type-wrong')
      const contentType = random.pick(OTHER_TYPES)
      const body = random.bool() ? Buffer.from(`facilitator=true&title=x&anonymous=true`) : junkBytes(random, 64)
      return { body, ...(contentType ? { contentType } : {}), emptyPrefixAccepted: false }
    })
    options.push(() => {
      tags.push('body-absent')
      return random.bool() ? { emptyPrefixAccepted: false } : { ...json(''), body: Buffer.alloc(0) }
    })
  }
  return random.pick(options)()
}

/** A damaged copy of a real PNG: zero-filled after its signature, cut short, or claiming a huge canvas. */
function damagedPng(random: Random, png: Buffer, tags: string[]): Buffer {
  const kind = random.int(0, 3)
  if (kind === 0) {
    tags.push('png-zeroed')
    const copy = Buffer.alloc(random.pick([png.length, 4096, 2 * MiB]))
    png.copy(copy, 0, 0, 8)
    return copy
  }
  if (kind === 1) {
    tags.push('png-cut')
    return png.subarray(0, random.int(8, Math.floor(png.length * 0.6)))
  }
  if (kind === 2) {
    tags.push('png-huge-canvas')
    const copy = Buffer.from(png)
    copy.writeUInt32BE(50_000, 16)
    copy.writeUInt32BE(50_000, 20)
    return copy
  }
  tags.push('gif-zeroed')
  const gif = Buffer.alloc(random.pick([64, 65_536]))
  gif.write('GIF89a', 'latin1')
  return gif
}

/** A body the asset upload refuses: none, not a picture, a damaged one, or one over the limit. */
function refusedAssetBody(random: Random, route: RouteSpec, targets: FuzzTargets, tags: string[]): BodyPlan {
  const contentType = random.pick([
    'image/png',
    'application/octet-stream',
    'text/html',
    'image/svg+xml',
    '',
    'video/mp4',
  ])
  const plan = (body: Buffer | undefined): BodyPlan => ({
    ...(body ? { body } : {}),
    ...(contentType ? { contentType } : {}),
    emptyPrefixAccepted: false,
  })
  switch (random.int(0, 5)) {
    case 0:
      tags.push('asset-empty')
      return plan(random.bool() ? Buffer.alloc(0) : undefined)
    case 1:
      tags.push('asset-junk')
      return plan(bigJunk(random, random.pick([1, 100, 65_536, 900_000])))
    case 2:
      return plan(damagedPng(random, targets.png, tags))
    case 3:
      tags.push('asset-too-large')
      return plan(bigJunk(random, (route.limit ?? MiB) + random.pick([1, 100_000, 2 * MiB])))
    case 4:
      tags.push('asset-svg')
      return plan(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`))
    default:
      tags.push('asset-content-encoding')
      return { ...plan(junkBytes(random, 256)), contentEncoding: random.pick(['gzip', 'deflate', 'br', 'x-junk']) }
  }
}

/** The backup with `edit` applied to its parsed form: well-formed JSON the restore must refuse. */
function editedBackup(backup: Buffer, edit: (file: Record<string, unknown>) => void): Buffer {
  const file = JSON.parse(backup.toString('utf8')) as Record<string, unknown>
  edit(file)
  return Buffer.from(JSON.stringify(file))
}

/** A body the restore refuses: cut, damaged, of a newer version, not a backup, nested, junk, empty. */
function refusedBackupBody(random: Random, targets: FuzzTargets, tags: string[]): BodyPlan {
  const contentType = random.pick([
    'application/json',
    'application/octet-stream',
    '',
    'text/plain',
    'multipart/form-data',
  ])
  const plan = (body: Buffer | undefined): BodyPlan => ({
    ...(body ? { body } : {}),
    ...(contentType ? { contentType } : {}),
    emptyPrefixAccepted: false,
  })
  const backup = targets.backup
  switch (random.int(0, 9)) {
    case 0: {
      tags.push('backup-cut')
      // Cut before its last brace: never whole JSON again.
      return plan(backup.subarray(0, random.int(0, backup.lastIndexOf('}') - 1)))
    }
    case 1:
      tags.push('backup-damaged')
      return plan(
        editedBackup(backup, (file) => {
          const payload = file.payload as { board: { title: string } }
          payload.board.title += random.pick(['x', RTL, '\u0000', '..'])
        }),
      )
    case 2:
      tags.push('backup-newer-version')
      return plan(editedBackup(backup, (file) => (file.version = random.pick([2 ** 31, 999, 1e300]))))
    case 3:
      tags.push('backup-foreign')
      return plan(editedBackup(backup, (file) => (file.format = random.pick(['', 'x', 5, null, ['common-ground']]))))
    case 4:
      tags.push('backup-wrong-types')
      return plan(
        editedBackup(backup, (file) => {
          const key = random.pick(['sha256', 'payload', 'version', 'exportedAt'])
          file[key] = wrongTyped(random, random.pick(['boolean', 'string', 'array'] as const))
          if (key === 'exportedAt') file.sha256 = '0'.repeat(64)
        }),
      )
    case 5: {
      tags.push('backup-nested')
      const depth = random.pick([17, 1_000, 100_000, 1_000_000])
      const file = JSON.parse(backup.toString('utf8')) as Record<string, unknown>
      file.payload = '@@'
      return plan(Buffer.from(JSON.stringify(file).replace('"@@"', nestedArrays(depth))))
    }
    case 6:
      tags.push('backup-junk')
      return plan(bigJunk(random, random.pick([1, 1_000, 500_000, 3 * MiB])))
    case 7:
      tags.push('backup-empty')
      return plan(random.bool() ? Buffer.alloc(0) : undefined)
    case 8: {
      tags.push('backup-many-values')
      const count = random.pick([10_000, 300_000, 1_000_000])
      return plan(Buffer.from(`{"format":"x","payload":[${'[],'.repeat(count)}[]]}`))
    }
    default:
      tags.push('backup-long-string')
      return plan(
        editedBackup(backup, (file) => {
          const payload = file.payload as { board: { title: string } }
          payload.board.title = 'x'.repeat(random.pick([10_000, 3 * MiB]))
        }),
      )
  }
}

/** Any body, hostile or not: for requests refused for another reason. */
function anyBody(random: Random, route: RouteSpec, targets: FuzzTargets, tags: string[]): BodyPlan {
  if (route.body === 'json') {
    if (random.bool(0.3)) {
      tags.push('json-valid')
      const value = route.field?.type === 'boolean' ? false : route.field?.type === 'array' ? [{ name: 'g' }] : 'x'
      return {
        body: Buffer.from(JSON.stringify({ [route.field!.name]: value })),
        contentType: 'application/json',
        emptyPrefixAccepted: true,
      }
    }
    return { ...refusedJsonBody(random, route, tags), emptyPrefixAccepted: true }
  }
  if (route.path.endsWith('/restore') && route.auth === 'none') return refusedBackupBody(random, targets, tags)
  if (route.body === 'raw') {
    if (random.bool(0.3)) {
      tags.push('png-valid')
      return { body: targets.png, contentType: 'image/png', emptyPrefixAccepted: true }
    }
    return refusedAssetBody(random, route, targets, tags)
  }
  // Routes that read no body get one anyway, sometimes.
  if (random.bool(0.7)) return { emptyPrefixAccepted: true }
  tags.push('body-on-bodiless')
  return random.bool()
    ? {
        body: Buffer.from(nestedArrays(random.pick([10, 10_000]))),
        contentType: 'application/json',
        emptyPrefixAccepted: true,
      }
    : {
        body: bigJunk(random, random.pick([10, 100_000])),
        contentType: 'application/octet-stream',
        emptyPrefixAccepted: true,
      }
}

/** Header noise that changes nothing a route decides on. */
function noiseHeaders(random: Random, headers: Record<string, string>, tags: string[]): void {
  const options: [string, () => void][] = [
    [
      'xff',
      () => (headers['x-forwarded-for'] = random.pick(['1.2.3.4', '127.0.0.1, 10.0.0.1', 'junk', '::1,'.repeat(100)])),
    ],
    [
      'accept-encoding',
      () => (headers['accept-encoding'] = random.pick(['br;q=abc', 'gzip, gzip', '*;q=0', 'x'.repeat(4000)])),
    ],
    [
      'accept',
      () => (headers.accept = random.pick(['application/json', '*/*;q=nope', 'text/html', utf8Bytes(`${RTL}/*`)])),
    ],
    ['cookie', () => (headers.cookie = `session=${'x'.repeat(random.int(1, 3000))}; __proto__=1`)],
    [
      'range',
      () =>
        (headers.range = random.pick(['bytes=0-0', 'bytes=-1', 'bytes=999999999-', 'bytes=0-1,0-1,0-1', 'bytes=x'])),
    ],
    ['if-none-match', () => (headers['if-none-match'] = random.pick(['*', '"x"', `W/"${'x'.repeat(1000)}"`]))],
    [
      'if-modified-since',
      () => (headers['if-modified-since'] = random.pick(['Thu, 01 Jan 1970 00:00:00 GMT', 'yesterday'])),
    ],
    ['origin', () => (headers.origin = random.pick(['http://evil.example', 'null', utf8Bytes(`http://${RTL}evil`)]))],
    ['user-agent', () => (headers['user-agent'] = utf8Bytes(`${RTL}Mozilla ${'🙂'.repeat(random.int(1, 200))}`))],
    ['host', () => (headers.host = random.pick(['evil.example', 'localhost:1', '[::1]', 'x'.repeat(300), '']))],
    ['method-override', () => (headers['x-http-method-override'] = random.pick(['DELETE', 'PUT', 'POST']))],
    [
      'many-headers',
      () => {
        for (let i = 0; i < random.pick([10, 90]); i++) headers[`x-junk-${i}`] = 'y'.repeat(random.int(0, 100))
      },
    ],
    ['expect', () => (headers.expect = random.pick(['100-continue', '100-continue', '100-continue', 'junk']))],
  ]
  for (let n = random.pick([0, 0, 1, 2]); n > 0; n--) {
    const [tag, apply] = random.pick(options)
    apply()
    tags.push(`header-${tag}`)
  }
}

/** Path noise that keeps the same route (express matches paths case-insensitively, with or without a final /). */
function noisePath(random: Random, path: string, tags: string[]): string {
  let out = path
  if (random.bool(0.1)) {
    tags.push('path-case')
    out = out.replace(/^\/api\/boards/, '/API/Boards').replace(/^\/api\//, '/Api/')
  }
  if (random.bool(0.1)) {
    tags.push('path-trailing-slash')
    out += '/'
  }
  if (random.bool(0.25)) {
    tags.push('query-junk')
    out += `?${random.pick([
      'token=x',
      '__proto__[x]=1',
      'constructor[prototype][x]=1',
      'a=' + 'b'.repeat(random.pick([10, 6_000])),
      'x=%00%E0%A4%A',
      utf8Bytes(`q=${RTL}`),
      '&&&==&',
      'facilitator=true&format=pdf',
    ])}`
  }
  return out
}

/** A path segment that makes any API route unknown (never an id: `/api/boards/<this>` is no route with a body). */
const JUNK_SEGMENTS = [
  '..',
  '%2e%2e',
  '%00',
  '%2f',
  '%E0%A4%A',
  utf8Bytes(RTL),
  '%E2%80%AE',
  'x'.repeat(10_000),
  '.',
  '%5c',
]

function templateParams(route: RouteSpec): string[] {
  return [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!)
}

/** A route request with the faults chosen for it. */
function routeRequest(
  random: Random,
  routes: readonly RouteSpec[],
  allRoutes: readonly RouteSpec[],
  targets: FuzzTargets,
  index: number,
): FuzzRequest {
  const route = random.pick(routes)
  const tags: string[] = []
  const params = templateParams(route)
  // A route that changes things gets at least one fault that makes it refuse the request.
  const refusal = route.mutates && !route.alwaysRefused
  // The ways this route can be refused whatever else the request holds.
  const ways: ('auth' | 'path' | 'method' | 'body')[] = []
  if (route.auth !== 'none') ways.push('auth')
  ways.push('path', 'method')
  if (route.body !== 'none') ways.push('body')
  const faults = new Set<(typeof ways)[number]>()
  if (refusal || random.bool(0.7)) faults.add(random.pick(ways))
  if (random.bool(0.3)) faults.add(random.pick(ways))

  // Path: real ids, then one of them corrupted (or a junk segment) when that is a fault.
  const values: Record<string, string> = {}
  for (const param of params) {
    if (param === 'id')
      values.id = route.path.startsWith('/b/') || random.bool(0.7) ? targets.boardId : targets.breakoutId
    else if (param === 'versionId') values.versionId = targets.versionId
    else if (param === 'assetId') values.assetId = targets.assetId
    else if (param === 'file') values.file = random.pick(targets.staticFiles)
    // Voting sessions and exports: none exist, so any id is unknown.
    else values[param] = random.bool(0.5) ? idChars(random, 22) : corruptId(random, idChars(random, 22), tags)
  }
  let path: string
  if (faults.has('path')) {
    const corruptible = params.filter((name) => ['id', 'versionId', 'assetId', 'file'].includes(name))
    if (corruptible.length > 0 && random.bool(0.8)) {
      const name = random.pick(corruptible)
      values[name] = name === 'file' ? traversal(random, values.file!, tags) : corruptId(random, values[name]!, tags)
      path = route.path.replace(/:(\w+)/g, (_m, param: string) => values[param]!)
    } else {
      // A junk segment added somewhere: no route has that shape.
      const segments = route.path.replace(/:(\w+)/g, (_m, param: string) => values[param]!).split('/')
      const at = random.int(2, segments.length)
      segments.splice(at, 0, random.pick(JUNK_SEGMENTS.filter((segment) => segment !== 'restore')))
      path = segments.join('/')
      tags.push('path-junk-segment')
    }
  } else {
    path = route.path.replace(/:(\w+)/g, (_m, param: string) => values[param]!)
  }
  path = noisePath(random, path, tags)

  // Method: one the path is not served with (by this route or any other of the same shape).
  let method: string = route.method
  if (faults.has('method')) {
    // Of every route, not only those fuzzed: a DELETE of a board's path would delete it.
    const served = new Set(allRoutes.filter((other) => other.path === route.path).map((other) => other.method))
    // A GET of a path served with POST only may be answered by a GET route of another shape: it only reads.
    const candidates = ['PUT', 'PATCH', 'DELETE', 'POST', 'GET', 'OPTIONS', 'HEAD', 'TRACE'].filter(
      (m) => !served.has(m as RouteSpec['method']),
    )
    method = random.pick(candidates)
    tags.push(`method-${method}`)
  }
  // Token: one that is good enough, or (as a fault) one that is not.
  const headers: Record<string, string> = {}
  let authorization: string | undefined
  if (faults.has('auth')) {
    const lower = route.auth === 'metrics' || route.auth === 'none' ? [] : rolesBelow(route.auth)
    const pick = random.int(0, 2)
    if (pick === 0 && lower.length > 0) {
      const role = random.pick(lower)
      tags.push(`token-${role}`)
      authorization = authHeader(random, targets, role)
    } else if (pick === 1 && route.auth !== 'metrics') {
      tags.push('token-other-board')
      authorization = authHeader(random, targets, 'other-board')
    } else {
      authorization = noToken(random, targets, tags)
    }
  } else if (route.auth === 'none') {
    // Routes open to anyone get tokens of every kind anyway.
    const grant = random.pick<Grant>(['none', 'none', 'viewer', 'editor', 'facilitator', 'other-board'])
    if (grant !== 'none') tags.push(`token-${grant}`)
    authorization = authHeader(random, targets, grant)
  } else if (route.auth === 'metrics') {
    authorization = authHeader(random, targets, 'metrics')
  } else {
    const enough = ROLES.slice(ROLES.indexOf(route.auth))
    const role = random.pick(enough)
    tags.push(`token-${role}`)
    authorization = authHeader(random, targets, role)
  }
  if (authorization !== undefined) headers.authorization = authorization

  // Body: refused by the route when that is the fault; anything otherwise.
  let plan: BodyPlan
  if (faults.has('body')) {
    if (route.body === 'json') plan = refusedJsonBody(random, route, tags)
    else if (route.auth === 'none') plan = refusedBackupBody(random, targets, tags)
    else plan = refusedAssetBody(random, route, targets, tags)
  } else {
    plan = anyBody(random, route, targets, tags)
    // A valid body is only sent where something else refuses the request.
    if (refusal && faults.size === 0) throw new Error(`fuzzer bug: ${route.method} ${route.path} has no fault`)
  }
  if (plan.contentType !== undefined) headers['content-type'] = plan.contentType
  if (plan.contentEncoding !== undefined) headers['content-encoding'] = plan.contentEncoding
  noiseHeaders(random, headers, tags)

  // A safe method reads whatever route answers it; any other request to a route that changes things is refused.
  const safe = ['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(method)
  const expect = route.mutates && !safe ? 'refused' : 'read'
  const api = /^\/api(\/|$|\?)/i.test(path)
  const send: HttpSend = { via: 'http', method, path, headers, ...(plan.body ? { body: plan.body } : {}) }
  const label = `${route.method} ${route.path}`
  const request: FuzzRequest = { index, route: label, tags, expect, api, send }

  // Sometimes the same request goes over raw TCP with a wrong Content-Length, or slowly, and is abandoned.
  const body = plan.body
  const transport = random.next()
  // A shorter Content-Length sends a prefix of the body; only an empty prefix could be accepted, and it never is.
  if (body && body.length >= 2 && transport < 0.06) {
    const declared = random.int(plan.emptyPrefixAccepted ? 1 : 0, body.length - 1)
    tags.push('content-length-short')
    request.send = rawOf(send, body, declared, false, random.int(50, 400))
  } else if (body && transport < 0.1) {
    tags.push('content-length-long')
    request.send = rawOf(send, body, body.length + random.pick([1, 100, 1_000_000]), random.bool(), random.int(50, 400))
  } else if (transport < 0.13) {
    tags.push('slow-body')
    const whole = body ?? Buffer.from('{"x":')
    const head = rawHead(send, whole.length + random.pick([1, 1_000, 10 * MiB]))
    const pieces: Buffer[] = []
    if (random.bool(0.7))
      for (let at = 0; at < Math.min(whole.length, 64); at += 8) pieces.push(whole.subarray(at, at + 8))
    request.send = { via: 'slow', head, pieces, everyMs: random.pick([20, 100, 300]), holdMs: random.int(200, 1500) }
  }
  return request
}

/** Paths around a built file that try to leave the build folder, or name what it must not serve. */
const TRAVERSALS: readonly [string, (file: string, random: Random) => string][] = [
  ['traversal-encoded', () => '/assets/..%2f..%2f..%2f..%2fpackage.json'],
  ['traversal-dot-encoded', () => '/assets/%2e%2e/%2e%2e/%2e%2e/package.json'],
  ['traversal-raw', () => '/assets/../../../../../../etc/passwd'],
  ['traversal-root', () => '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd'],
  ['traversal-double-encoded', () => '/%252e%252e/%252e%252e/package.json'],
  ['traversal-backslash', () => '/assets/..\\..\\..\\package.json'],
  ['traversal-absolute', () => '//etc/passwd'],
  ['file-%00', (file) => `${file}%00.png`],
  ['file-bad-encoding', (file) => `${file}%E0%A4%A`],
  ['file-rtl', (file) => `${file}${utf8Bytes(RTL)}`],
  ['file-long', (file) => `${file}${'a'.repeat(10_000)}`],
  [
    'file-dotfile',
    (_file, random) => random.pick(['/.env', '/.git/config', '/assets/.vite', '/.well-known/../package.json']),
  ],
  ['file-compressed-copy', (file) => `${file}.br`],
]

function traversal(random: Random, file: string, tags: string[]): string {
  const [tag, make] = random.pick(TRAVERSALS)
  tags.push(tag)
  return make(file, random)
}

function rawHead(send: HttpSend, contentLength: number | undefined, extra = ''): Buffer {
  const lines = [`${send.method} ${send.path} HTTP/1.1`, 'Host: localhost']
  for (const [name, value] of Object.entries(send.headers)) if (name !== 'host') lines.push(`${name}: ${value}`)
  if (contentLength !== undefined) lines.push(`Content-Length: ${contentLength}`)
  lines.push('Connection: close')
  return Buffer.from(`${lines.join('\r\n')}\r\n${extra}\r\n`, 'latin1')
}

function rawOf(send: HttpSend, body: Buffer, declared: number, halfClose: boolean, waitMs: number): RawSend {
  // The whole body is written whatever was declared: the rest is garbage to the server's parser.
  return { via: 'raw', bytes: Buffer.concat([rawHead(send, declared), body]), halfClose, waitMs }
}

/** Requests the HTTP parser must refuse, or that try to confuse it. Aimed at routes that change things. */
function malformedRequest(random: Random, targets: FuzzTargets, index: number): FuzzRequest {
  const id = targets.boardId
  const token = targets.tokens.viewer
  const target = random.pick([
    `/api/boards/${id}/links/rotate`,
    '/api/boards/restore',
    `/api/boards/${id}/assets`,
    '/api/boards',
    '/healthz',
    `/api/boards/${id}`,
  ])
  const crlf = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1')
  const options: [string, () => Buffer][] = [
    ['junk-bytes', () => junkBytes(random, random.int(1, 4096))],
    ['tls-hello', () => Buffer.from('16030100a5010000a10303', 'hex')],
    ['nul-in-request-line', () => crlf(`GET ${target}\0 HTTP/1.1`, 'Host: x', '', '')],
    ['no-version', () => crlf(`GET ${target}`, '', '')],
    ['http-9', () => crlf(`GET ${target} HTTP/9.9`, 'Host: x', '', '')],
    ['http-09', () => Buffer.from(`GET ${target}\r\n\r\n`)],
    ['unknown-method', () => crlf(`BREW ${target} HTTP/1.1`, 'Host: x', '', '')],
    ['connect', () => crlf('CONNECT localhost:22 HTTP/1.1', 'Host: localhost:22', '', '')],
    ['lf-only', () => Buffer.from(`POST ${target} HTTP/1.1\nHost: x\nContent-Length: 3\n\n{{{`)],
    ['cl-negative', () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Content-Length: -1', '', '{}')],
    ['cl-not-number', () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Content-Length: abc', '', '{}')],
    ['cl-list', () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Content-Length: 2, 3', '', '{}x')],
    [
      'cl-duplicate',
      () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Content-Length: 2', 'Content-Length: 5', '', '{}xyz'),
    ],
    ['cl-huge', () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', `Content-Length: ${'9'.repeat(30)}`, '', '{')],
    [
      'cl-and-chunked',
      () =>
        crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Content-Length: 4', 'Transfer-Encoding: chunked', '', '0', '', ''),
    ],
    [
      'chunk-size-junk',
      () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Transfer-Encoding: chunked', '', 'zz', '{}', '0', '', ''),
    ],
    [
      'chunk-size-huge',
      () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Transfer-Encoding: chunked', '', 'ffffffffffffffffff', '{', ''),
    ],
    ['te-not-chunked', () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Transfer-Encoding: gzip', '', '{}')],
    ['te-obfuscated', () => crlf(`POST ${target} HTTP/1.1`, 'Host: x', 'Transfer-Encoding : chunked', '', '0', '', '')],
    ['header-no-colon', () => crlf(`GET ${target} HTTP/1.1`, 'Host: x', 'Authorization', '', '')],
    ['header-name-space', () => crlf(`GET ${target} HTTP/1.1`, 'Host: x', `Author ization: Bearer ${token}`, '', '')],
    ['header-obs-fold', () => crlf(`GET ${target} HTTP/1.1`, 'Host: x', 'Authorization: Bearer', `  ${token}`, '', '')],
    ['header-nul', () => crlf(`GET ${target} HTTP/1.1`, 'Host: x', `Authorization: Bearer \0${token}`, '', '')],
    ['header-too-large', () => crlf(`GET ${target} HTTP/1.1`, 'Host: x', `X-Big: ${'x'.repeat(100_000)}`, '', '')],
    [
      'headers-too-many',
      () => crlf(`GET ${target} HTTP/1.1`, 'Host: x', ...Array.from({ length: 3000 }, (_, i) => `X-${i}: y`), '', ''),
    ],
    ['url-too-long', () => crlf(`GET ${target}?${'a'.repeat(100_000)} HTTP/1.1`, 'Host: x', '', '')],
    ['no-host', () => crlf(`GET ${target} HTTP/1.1`, '', '')],
    ['absolute-uri', () => crlf(`GET http://evil.example${target} HTTP/1.1`, 'Host: x', '', '')],
    ['asterisk', () => crlf('OPTIONS * HTTP/1.1', 'Host: x', '', '')],
    [
      'pipelined-garbage',
      () => Buffer.concat([crlf('GET /api/time HTTP/1.1', 'Host: x', '', ''), junkBytes(random, 200)]),
    ],
    [
      'pipelined-many',
      () => Buffer.from(crlf(`GET ${target} HTTP/1.1`, 'Host: x', '', '').toString('latin1').repeat(200), 'latin1'),
    ],
    ['only-crlf', () => Buffer.from('\r\n'.repeat(random.int(1, 5000)))],
    [
      'request-line-rtl',
      () => Buffer.concat([Buffer.from('GET /api/'), Buffer.from(RTL), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
    ],
  ]
  const [kind, make] = random.pick(options)
  const bytes = make()
  return {
    index,
    route: `raw ${kind}`,
    tags: [kind],
    // However the parser reads it, a GET only reads; what is posted here has no token and no valid body.
    expect: bytes.subarray(0, 5).toString('latin1') === 'POST ' ? 'refused' : 'read',
    api: false,
    send: { via: 'raw', bytes, halfClose: random.bool(0.3), waitMs: random.int(50, 500) },
  }
}

/**
 * Websocket upgrade requests to `/ws/:room`, broken or with tokens that do not open the room for writing; a
 * handshake that succeeds sends nothing after it (or, for a read-only token, junk frames the room drops).
 */
function upgradeRequest(random: Random, targets: FuzzTargets, index: number): FuzzRequest {
  const tags: string[] = []
  const id = random.bool(0.8) ? targets.boardId : targets.breakoutId
  const writer = random.bool(0.2)
  // A writer's token opens the board or its workshop room, never a private room (opening one is a participant's
  // own business, not a refused request).
  let room = random.pick(
    writer ? [id, `${id}:facilitation`] : [id, `${id}:facilitation`, `${id}:private:${idChars(random, 22)}`],
  )
  if (random.bool(0.4)) room = random.bool(0.5) ? corruptId(random, room, tags) : `${room}${random.pick(JUNK_SEGMENTS)}`
  const token = writer
    ? random.pick([targets.tokens.editor, targets.tokens.facilitator])
    : random.pick([targets.tokens.viewer, targets.otherTokens.editor, idChars(random, 43), '', 'x'.repeat(10_000)])
  tags.push(writer ? 'ws-writer-silent' : 'ws-no-write')
  let path = random.pick([`/ws/${room}`, `/ws/${room}`, `/WS/${room}`, `/ws//${room}`, `/ws/`, '/ws', `/ws/${room}/x`])
  if (random.bool(0.8)) path += `?token=${token}`
  if (random.bool(0.1)) path += `&token=${idChars(random, 43)}`
  const lines = [`${random.bool(0.9) ? 'GET' : 'POST'} ${path} HTTP/1.1`, 'Host: localhost']
  const key = Buffer.from(idChars(random, 16)).toString('base64')
  const handshake = [
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
  ]
  const broken: [string, string[]][] = [
    ['ws-no-key', ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13']],
    ['ws-version-8', [...handshake.slice(0, 3), 'Sec-WebSocket-Version: 8']],
    ['ws-key-junk', [...handshake.slice(0, 2), `Sec-WebSocket-Key: ${'!'.repeat(random.int(0, 300))}`, handshake[3]!]],
    ['ws-upgrade-h2c', ['Upgrade: h2c', ...handshake.slice(1)]],
    ['ws-no-connection', [handshake[0]!, ...handshake.slice(2)]],
    [
      'ws-extensions-junk',
      [
        ...handshake,
        `Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=${random.pick(['0', '99', 'x', ''])}; ${'x'.repeat(random.int(0, 2000))}`,
      ],
    ],
  ]
  const [shape, headerLines] = random.bool(0.5) ? ['ws-handshake', handshake] : random.pick(broken)
  tags.push(shape)
  lines.push(...headerLines)
  if (random.bool(0.2)) {
    tags.push('ws-protocol-junk')
    lines.push(`Sec-WebSocket-Protocol: ${utf8Bytes(RTL)}, , x`)
  }
  let bytes = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')
  // Junk after the handshake is read as websocket frames; only from tokens that cannot write.
  if (!writer && random.bool(0.4)) {
    tags.push('ws-junk-frames')
    bytes = Buffer.concat([bytes, junkBytes(random, random.int(1, 2000))])
  }
  return {
    index,
    route: 'GET /ws/:room (upgrade)',
    tags,
    expect: 'read',
    api: false,
    send: { via: 'raw', bytes, halfClose: random.bool(0.2), waitMs: random.int(50, 300) },
  }
}

/** The very large restore bodies, in turn: empty arrays by the million, nesting, one long string. */
const HUGE_BODIES: readonly { tag: string; mib: number }[] = [
  { tag: 'huge-empty-arrays', mib: 120 },
  { tag: 'huge-string', mib: 64 },
  { tag: 'huge-nesting', mib: 120 },
  { tag: 'huge-empty-arrays', mib: 24 },
  { tag: 'huge-string', mib: 120 },
  { tag: 'huge-nesting', mib: 24 },
]

/** The `nth` very large restore body, sent as it is made (never held whole in this process). */
function hugeRestore(nth: number, index: number): FuzzRequest {
  const { tag, mib } = HUGE_BODIES[nth % HUGE_BODIES.length]!
  const [head, fill] =
    tag === 'huge-empty-arrays'
      ? ['{"format":"common-ground-board","version":1,"payload":[', '[],']
      : tag === 'huge-nesting'
        ? ['', '[']
        : [`{"format":"common-ground-board","version":1,"exportedAt":"x","sha256":"${'0'.repeat(64)}","payload":"`, 'A']
  return {
    index,
    route: 'POST /api/boards/restore',
    tags: [tag, `${mib}MiB`],
    expect: 'refused',
    api: true,
    resendWhileBusy: true,
    send: {
      via: 'http',
      method: 'POST',
      path: '/api/boards/restore',
      headers: { 'content-type': 'application/json' },
      body: {
        size: mib * MiB,
        head: Buffer.from(head),
        fill: Buffer.from(fill.repeat(Math.ceil(65_536 / fill.length))),
      },
    },
  }
}

export interface HttpFuzzerOptions {
  /** Every this many requests, one very large restore body (0: none). */
  hugeEvery?: number
  /**
   * Every route of the server when `routes` is a part of them (a run narrowed to some routes): a wrong method is
   * never one another route serves the same path with. Default: `routes`.
   */
  allRoutes?: readonly RouteSpec[]
}

/**
 * The request of each index, in order: call it with 0, 1, 2, … (the PRNG is consumed in that order, so a seed
 * replays the same sequence whatever the timing of the answers).
 */
export function createHttpFuzzer(
  random: Random,
  routes: readonly RouteSpec[],
  targets: FuzzTargets,
  { hugeEvery = 750, allRoutes = routes }: HttpFuzzerOptions = {},
): (index: number) => FuzzRequest {
  let huge = 0
  return (index) => {
    if (hugeEvery > 0 && index % hugeEvery === Math.floor(hugeEvery / 2)) return hugeRestore(huge++, index)
    const kind = random.next()
    if (kind < 0.06) return malformedRequest(random, targets, index)
    if (kind < 0.12) return upgradeRequest(random, targets, index)
    return routeRequest(random, routes, allRoutes, targets, index)
  }
}

/** One line naming a request, to replay it from its seed and index. */
export function describeRequest(request: FuzzRequest): string {
  const send = request.send
  const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max)}…(${text.length})` : text)
  const shown = (() => {
    if (send.via === 'http') {
      const size = send.body ? (Buffer.isBuffer(send.body) ? send.body.length : send.body.size) : 0
      const headers = Object.entries(send.headers)
        .map(([name, value]) => `${name}: ${clip(value, 60)}`)
        .join('; ')
      return `${send.method} ${clip(send.path)} [${clip(headers, 300)}] body ${size} B`
    }
    if (send.via === 'raw')
      return `raw ${send.bytes.length} B: ${clip(JSON.stringify(send.bytes.subarray(0, 200).toString('latin1')))}`
    return `slow: ${clip(JSON.stringify(send.head.toString('latin1')), 300)} then ${send.pieces.length} pieces every ${send.everyMs} ms, dropped at ${send.holdMs} ms`
  })()
  return `#${request.index} ${request.route} {${request.tags.join(',')}} ${request.expect}: ${shown}`
}
