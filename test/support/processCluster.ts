import { afterAll, beforeAll } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@cg/storage/testing'
import { connectRawWebSocket, type RawWebSocket } from './rawSockets.ts'
import { startTestRedis, type TestRedis } from './redisServer.ts'
import { spawnServer, type ServerProcess } from './serverProcess.ts'
import { makeTempDir, removeTempDir } from './tempDir.ts'

/** Several server processes on one PostgreSQL database and one Redis, as a describe block's tests use them. */
export interface ProcessCluster {
  /** The shared Redis (tests stop and start it). */
  redis(): TestRedis
  /** One more server process on the shared database and Redis. */
  startProcess(): Promise<ServerProcess>
  /** A raw socket to a room on `server`, terminated after the tests. */
  open(server: ServerProcess, room: string, token: string): RawWebSocket
}

/**
 * Registers, in the calling describe block, a fresh database and Redis before its tests, and stops every process,
 * socket, data directory and service it made after them. `env` is added to each process's environment.
 */
export function useProcessCluster(label: string, env: Record<string, string>): ProcessCluster {
  let database: TestDatabase | undefined
  let redis: TestRedis | undefined
  const processes: ServerProcess[] = []
  const dataDirs: string[] = []
  const sockets: RawWebSocket[] = []

  beforeAll(async () => {
    database = await createTestDatabase()
    redis = await startTestRedis()
  })
  afterAll(async () => {
    for (const raw of sockets.splice(0)) raw.socket.terminate()
    for (const server of processes.splice(0)) await server.stop()
    for (const dir of dataDirs.splice(0)) removeTempDir(dir)
    await redis?.stop()
    await database?.drop()
  })

  return {
    redis: () => redis!,
    async startProcess() {
      const dataDir = makeTempDir(`cg-int-multi-${label}-`)
      dataDirs.push(dataDir)
      const server = await spawnServer({
        DATA_DIR: dataDir,
        DATABASE_URL: database!.url,
        REDIS_URL: redis!.url,
        ...env,
      })
      processes.push(server)
      return server
    },
    open(server, room, token) {
      const socket = connectRawWebSocket(server.url, room, token)
      sockets.push(socket)
      return socket
    },
  }
}
