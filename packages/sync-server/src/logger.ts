/** The subset of pino's API the sync server logs through, so any pino-compatible logger plugs in. */
export interface Logger {
  debug(context: object, message?: string): void
  info(context: object, message?: string): void
  warn(context: object, message?: string): void
  error(context: object, message?: string): void
}

const ignore = () => {}
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore }
