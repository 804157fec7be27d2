import { describe, expect, it } from 'vitest'
import type { ReportDocument } from '@cg/report'
import { figurePngFor, progressAfter, reportHeadings, toBase64 } from './printProtocol.ts'

describe('the print protocol with the server', () => {
  it('starts from nothing done, nothing ready, no error and no pages', () => {
    expect(progressAfter(undefined, {})).toEqual({ total: 0, done: 0, ready: false, error: null, pages: [] })
  })

  it('keeps what was told before and lays each update over it', () => {
    const counted = progressAfter(progressAfter(undefined, { total: 4 }), { done: 1 })
    expect(counted).toEqual({ total: 4, done: 1, ready: false, error: null, pages: [] })
    const failed = progressAfter(counted, { error: 'board: not-found' })
    expect(failed).toMatchObject({ total: 4, done: 1, error: 'board: not-found' })
  })

  it('lists a report by its headings, in order', () => {
    const report: ReportDocument = {
      lang: 'en',
      title: 'Workshop',
      blocks: [
        { kind: 'cover', title: 'Workshop', subtitle: 'Report', facts: [] },
        { kind: 'heading', level: 1, text: 'Agenda as run' },
        { kind: 'paragraph', text: 'Work' },
        { kind: 'heading', level: 2, text: 'Problem tree' },
        { kind: 'figure', figureId: 'b/f/1', title: 'Problem tree' },
      ],
    }
    expect(reportHeadings(report)).toEqual(['Agenda as run', 'Problem tree'])
  })

  it('hands a picture to the server as base64 PNG with its size, and nothing for a picture it does not have', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251)
    const pngs = new Map([['b/f/1', { blob: new Blob([bytes], { type: 'image/png' }), width: 640, height: 480 }]])
    const answer = await figurePngFor(pngs, 'b/f/1')
    expect(answer).toEqual({ base64: Buffer.from(bytes).toString('base64'), width: 640, height: 480 })
    expect(await figurePngFor(pngs, 'b/f/2')).toBeNull()
  })

  it('encodes any size of blob as base64, past the chunk it converts at once', async () => {
    const bytes = new Uint8Array(0x8000 * 2 + 5).map((_, i) => (i * 7) % 256)
    expect(await toBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'))
  })
})
