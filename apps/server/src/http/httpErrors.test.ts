import type { Request, Response } from 'express'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { errorHandler } from './httpErrors.ts'

/** What the handler answered: status and JSON body. */
function answer(error: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown }
  const res = {
    status(code: number) {
      sent.status = code
      return this
    },
    json(body: unknown) {
      sent.body = body
      return this
    },
  } as unknown as Response
  errorHandler(pino({ level: 'silent' }))(error, { method: 'GET', path: '/api/x' } as Request, res, () => {})
  return sent
}

describe('API errors', () => {
  it('keep a client error’s status, and its message only where it is safe to show', () => {
    expect(answer({ status: 413 })).toEqual({
      status: 413,
      body: { error: { code: 'payload-too-large', message: 'The request body is too large.' } },
    })
    expect(answer({ status: 400, type: 'entity.parse.failed', message: 'Unexpected token } at 12' })).toEqual({
      status: 400,
      body: { error: { code: 'invalid-request', message: 'The request body is not valid JSON.' } },
    })
    expect(answer({ status: 415, expose: true, message: 'Use JSON.' }).body).toEqual({
      error: { code: 'invalid-request', message: 'Use JSON.' },
    })
    expect(answer({ status: 400, expose: false, message: 'secret detail' }).body).toEqual({
      error: { code: 'invalid-request', message: 'The request is not valid.' },
    })
  })

  it('answer anything else as a 500 that shows no stack or detail', () => {
    const { status, body } = answer(new Error('database password is hunter2'))
    expect(status).toBe(500)
    expect(JSON.stringify(body)).not.toContain('hunter2')
    expect(body).toEqual({ error: { code: 'internal-error', message: 'Something went wrong on the server.' } })
  })
})
