import { describe, expect, it } from 'vitest'
import type { ExportStarter } from '@cg/storage'
import { RenderSlots } from './renderSlots.ts'

describe('render tabs of a process', () => {
  it('gives participants two at once and a facilitator a third; a waiting facilitator goes first', async () => {
    const slots = new RenderSlots()
    const order: string[] = []
    const take = (who: string, startedBy: ExportStarter) => slots.take(startedBy).then(() => order.push(who))
    void take('p1', 'participant')
    void take('p2', 'participant')
    void take('p3', 'participant')
    void take('f1', 'facilitator')
    await Promise.resolve()
    await Promise.resolve()
    expect(order).toEqual(['p1', 'p2', 'f1'])
    expect(slots.rendering).toBe(3)
    void take('p4', 'participant')
    void take('f2', 'facilitator')
    slots.release()
    await Promise.resolve()
    // Three rendering again, the third a facilitator's: the facilitator waiting went before both participants.
    expect(order).toEqual(['p1', 'p2', 'f1', 'f2'])
    slots.release()
    await Promise.resolve()
    expect(order).toEqual(['p1', 'p2', 'f1', 'f2'])
    slots.release()
    await Promise.resolve()
    expect(order).toEqual(['p1', 'p2', 'f1', 'f2', 'p3'])
    expect(slots.rendering).toBe(2)
  })
})
