import { readConfig } from '../../apps/server/src/config.ts'
import { startServer, type RunningServer } from '../../apps/server/src/createServer.ts'
import { TEST_RATE_LIMITS } from './serverProcess.ts'
import { makeTempDir, removeTempDir } from './tempDir.ts'
import { testStorageEnv } from './testStorage.ts'

export interface TestServer extends RunningServer {
  dataDir: string
  /** Closes the server gracefully; removes the data dir too when the helper created it. */
  stop(): Promise<void>
}

export interface TestServerOptions {
  /** Reuse a data dir (e.g. to restart on the same data); the caller then owns and removes it. */
  dataDir?: string
  /** Extra environment, exactly as an operator would set it (e.g. `{ COMPACT_AFTER_UPDATES: '50' }`). */
  env?: Record<string, string>
  /** The server's clock for deletions and the purge sweep (default Date.now): a test moves it past a purge. */
  now?: () => number
}

/**
 * Starts the real server in this process on a free port, configured through `readConfig` like `main.ts`.
 * Logs are silent unless TEST_SERVER_LOG_LEVEL is set.
 */
export async function startTestServer({ dataDir, env = {}, now }: TestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = dataDir === undefined
  const dir = dataDir ?? makeTempDir('cg-int-')
  const result = readConfig({
    PORT: '0',
    DATA_DIR: dir,
    LOG_LEVEL: process.env.TEST_SERVER_LOG_LEVEL ?? 'silent',
    ...TEST_RATE_LIMITS,
    ...(await testStorageEnv(dir)),
    ...env,
  })
  if (!result.ok) throw new Error(`invalid test config: ${result.errors.join('; ')}`)
  let server: RunningServer
  try {
    server = await startServer(result.config, undefined, now ? { now } : {})
  } catch (error) {
    if (ownsDataDir) removeTempDir(dir)
    throw error
  }
  return {
    ...server,
    dataDir: dir,
    async stop() {
      await server.close()
      if (ownsDataDir) removeTempDir(dir)
    },
  }
}
