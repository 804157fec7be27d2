/**
 * Where the bindings report what they skipped or could not do. Remote data is untrusted, so a bad record
 * is an expected event (logged, then skipped), not an exception.
 */
export type BindingLog = (level: 'warn' | 'error', message: string, detail?: unknown) => void

export const consoleLog: BindingLog = (level, message, detail) => {
  if (level === 'error') console.error(`[tldraw-yjs] ${message}`, detail ?? '')
  else console.warn(`[tldraw-yjs] ${message}`, detail ?? '')
}
