#!/usr/bin/env node
import { pino } from 'pino'
import { readConfig } from './config.ts'
import { startServer } from './createServer.ts'

const result = readConfig(process.env)
if (!result.ok) {
  console.error(`Invalid configuration:\n  ${result.errors.join('\n  ')}`)
  process.exit(2)
}
const config = result.config
const log = pino({ level: config.logLevel })

try {
  const server = await startServer(config, log)
  const publicUrl = config.publicUrl ?? server.url
  const storage = config.databaseUrl ? 'postgresql' : config.dataDir
  log.info({ url: server.url, publicUrl, storage }, 'listening')
  console.log(`\nCommon Ground is running at ${publicUrl}\n`)

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down: closing connections and flushing storage')
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
} catch (error) {
  log.fatal({ err: error }, 'could not start')
  console.error(`Could not start: ${(error as Error).message}`)
  process.exit(1)
}
