import { describe, expect, it } from 'vitest'
import { API_BASE, ApiRoutes, PageRoutes, ServiceRoutes, SocketRoute, type Endpoint, type Route } from './routes.ts'

const apiEndpoints: [string, Endpoint][] = Object.entries(ApiRoutes)
const allRoutes: [string, Route][] = [
  ...apiEndpoints,
  ...Object.entries(PageRoutes),
  ...Object.entries(ServiceRoutes),
  ['socket', SocketRoute],
]

/** What express would read from `path` with `pattern` (a parameter is one path segment), decoded; or undefined. */
function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([^/]+)')
  const match = new RegExp(`^${source}$`).exec(path)
  return match ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) : undefined
}

/** Values that must survive the trip: a real id, and ones that would break a path written by hand. */
const SAMPLES = ['AAAAAAAAAAAAAAAAAAAAAA', 'a/b?c#d', 'x y%z', '..', 'ك:private:é']

describe('the route table', () => {
  it('builds paths that encode every parameter', () => {
    expect(ApiRoutes.getBoard.path({ id: 'a/b c' })).toBe('/api/boards/a%2Fb%20c')
    expect(ApiRoutes.getVersion.path({ id: 'a#b', versionId: '?v' })).toBe('/api/boards/a%23b/versions/%3Fv')
    expect(PageRoutes.print.path({ id: '../x' })).toBe('/b/..%2Fx/print')
    expect(ApiRoutes.createBoard.path({})).toBe('/api/boards')
  })

  it('has builders that agree with their patterns, for every route', () => {
    for (const [name, route] of allRoutes) {
      const names = [...route.pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)
      for (const sample of SAMPLES) {
        const params = Object.fromEntries(names.map((param, i) => [param, `${sample}${i}`]))
        expect(matchPattern(route.pattern, route.path(params)), name).toEqual(params)
      }
    }
  })

  it('reads back the parameters of the paths it builds, with or without a trailing slash, and no other path', () => {
    for (const [name, route] of allRoutes) {
      const names = [...route.pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)
      for (const sample of SAMPLES) {
        const params = Object.fromEntries(names.map((param, i) => [param, `${sample}${i}`]))
        expect(route.match(route.path(params)), name).toEqual(params)
        expect(route.match(`${route.path(params)}/`), name).toEqual(params)
        expect(route.match(`${route.path(params)}/x`), name).toBeUndefined()
        expect(route.match(`/x${route.path(params)}`), name).toBeUndefined()
      }
    }
    expect(PageRoutes.board.match('/b/a/print')).toBeUndefined()
    expect(PageRoutes.print.match('/b/a%2Fb/print')).toEqual({ id: 'a/b' })
  })

  it('keeps every API path under the API base, and no page or service there', () => {
    for (const [name, { pattern }] of allRoutes) {
      expect(pattern.startsWith(`${API_BASE}/`), name).toBe(apiEndpoints.some(([api]) => api === name))
    }
  })

  it('names each method and pattern once', () => {
    const keys = [...apiEndpoints, ...Object.entries(ServiceRoutes)].map(
      ([, { method, pattern }]) => `${method} ${pattern}`,
    )
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('reads the room of a websocket path, as the server is asked for it', () => {
    for (const room of ['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA:private:BBBBBBBBBBBBBBBBBBBBBB']) {
      expect(SocketRoute.roomOf(SocketRoute.path({ room }))).toBe(room)
      // y-websocket appends the name as it is, without encoding it.
      expect(SocketRoute.roomOf(`${SocketRoute.base}/${room}`)).toBe(room)
    }
    for (const path of ['/ws', '/ws/', '/ws/a/b', '/wsx/a', '/api/boards'])
      expect(SocketRoute.roomOf(path)).toBeUndefined()
    expect(() => SocketRoute.roomOf('/ws/%E0%A4%A')).toThrow(URIError)
  })
})
