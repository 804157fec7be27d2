import { describe, expect, it } from 'vitest'
import { composeReport } from './composeReport.ts'
import { ReportDocument, reportText, withoutIsolates, type ReportBlock } from './reportDocument.ts'
import { at, workshopInput } from './reportFixture.ts'

const headings = (blocks: ReportBlock[], level: number) =>
  blocks.flatMap((block) => (block.kind === 'heading' && block.level === level ? [withoutIsolates(block.text)] : []))

describe('composeReport', () => {
  const report = composeReport(workshopInput())

  it('is a valid document (it crosses to the server)', () => {
    expect(ReportDocument.safeParse(report).success).toBe(true)
  })

  it('puts on the cover who came, by role, with names where they gave one', () => {
    const cover = report.blocks[0]
    expect(cover?.kind).toBe('cover')
    const facts = Object.fromEntries(
      (cover as Extract<ReportBlock, { kind: 'cover' }>).facts.map(([label, value]) => [label, withoutIsolates(value)]),
    )
    expect(facts.Place).toBe('Amman, in person')
    expect(facts.Facilitators).toBe('1 · Fatima')
    // Someone seen before roles were recorded counts as a participant; an unnamed one is counted, not named.
    expect(facts.Participants).toBe('4 · Amina, Jean, Early bird')
    expect(facts.Observers).toBe('1')
    expect(facts.Groups).toBe('Education, Health')
  })

  it('shows the agenda as run, planned beside actual minutes', () => {
    const agenda = report.blocks.find((block) => block.kind === 'table')!
    expect(agenda.kind === 'table' && agenda.rows).toEqual([
      [['1'], ['Introduction'], ['Plenary'], ['5 min'], ['10 min']],
      [['2'], ['Centrality of protection'], ['Think-pair-share'], ['10 min'], ['9 min']],
      [['3'], ['Key actions'], ['Breakout groups'], ['30 min'], ['33 min']],
      [['4'], ['Priorities'], ['Sticker voting'], ['10 min'], ['13 min']],
      // Never finished: it ends at the last work made in it (a note at minute 72).
      [['5'], ['Vision and values'], ['Discussion'], ['20 min'], ['7 min']],
      [['6'], ['Energiser'], ['—'], ['5 min'], ['—']],
    ])
  })

  it('gives each agenda item that produced work a section, in agenda order, and work from outside any its own', () => {
    expect(headings(report.blocks, 1)).toEqual([
      'Agenda as run',
      '1. Introduction',
      '2. Centrality of protection',
      '3. Key actions',
      '4. Priorities',
      '5. Vision and values',
      'Other work on the boards',
      'Annex: the boards',
    ])
    const section = (title: string) => {
      const start = report.blocks.findIndex(
        (block) => block.kind === 'heading' && withoutIsolates(block.text) === title,
      )
      const end = report.blocks.findIndex(
        (block, index) => index > start && block.kind === 'heading' && block.level === 1,
      )
      return report.blocks.slice(start, end)
    }
    expect(headings(section('3. Key actions'), 2)).toEqual(['Group: Education', 'Group: Health'])
    expect(reportText({ ...report, blocks: section('2. Centrality of protection') })).toContain(
      'Children first — Amina',
    )
    expect(reportText({ ...report, blocks: section('Other work on the boards') })).toContain(
      'Note from before the agenda',
    )
  })

  it('prints a breakout brought back to plenary once, from the plenary', () => {
    const lines = reportText(report)
    const inVote = 1
    expect(lines.filter((line) => line.startsWith('Referral pathways in schools')).length).toBe(1 + inVote)
    expect(lines).toContain('Referral pathways in schools [Education]')
    // People's words are isolated from the report's own, so an Arabic note and an English name each keep their direction.
    const note = report.blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat(2) : []))
    expect(note).toContain('\u2068Referral pathways in schools\u2069 [\u2068Education\u2069]')
    const figures = report.blocks.flatMap((block) => (block.kind === 'figure' ? [block.figureId] : []))
    // The unused frame has no picture either.
    expect(figures).toEqual(['plenary/shape:vision/1', 'plenary/loose/1', 'breakout-health/shape:h/1'])
  })

  it('holds every note once, skips empty frames', () => {
    const lines = reportText(report)
    for (const text of ['Dignity', 'Accountability', 'Every child safe and learning', 'Clinic staff identify risk']) {
      expect(lines.filter((line) => line.includes(text))).toHaveLength(1)
    }
    expect(lines).not.toContain('Empty frame')
  })

  it('reports a vote with its question, turnout and places, ties sharing one', () => {
    const start = report.blocks.findIndex(
      (block) => block.kind === 'heading' && withoutIsolates(block.text) === 'Vote: Which action first?',
    )
    const [turnout, table] = report.blocks.slice(start + 1, start + 3)
    expect(turnout).toEqual({ kind: 'paragraph', text: '3 of 4 voted · 3 stickers each' })
    expect(table?.kind === 'table' && table.rows.map((row) => row.map((cell) => cell.map(withoutIsolates)))).toEqual([
      [['1'], ['Referral pathways in schools'], ['4']],
      [['1'], ['Children first'], ['4']],
      [['3'], ['(deleted item)'], ['1']],
    ])
  })

  it('lays the logframe out as its spreadsheet does', () => {
    const table = report.blocks.find((block) => block.kind === 'table' && block.header[0] === 'Level')
    expect(table?.kind === 'table' && table.rows[1]).toEqual([['Output'], ['Education'], ['Safe learning spaces'], []])
  })

  it('leaves the place off the cover when the facilitator gave none', () => {
    const cover = composeReport({ ...workshopInput(), place: ' ' }).blocks[0] as Extract<ReportBlock, { kind: 'cover' }>
    expect(cover.facts.map(([label]) => label)).not.toContain('Place')
  })

  it('keeps two rounds’ groups of the same name apart, by their boards', () => {
    const input = workshopInput()
    const second = { ...input.breakouts[0]!, id: 'round-2-education', createdAt: at(80) }
    second.frames = [{ ...second.frames[0]!, cells: [{ label: 'Q', notes: [{ id: 'n2', text: 'Round two work' }] }] }]
    const report = composeReport({ ...input, breakouts: [...input.breakouts, second] })
    const lines = reportText(report)
    // Round one's Education came back to the plenary; round two's did not: it is printed from its own board.
    expect(lines.filter((line) => line.includes('Round two work'))).toHaveLength(1)
    expect(lines.filter((line) => line === 'Group: Education')).toHaveLength(2)
    const vision = report.blocks.findIndex((block) => block.kind === 'heading' && block.text === '5. Vision and values')
    const roundTwo = report.blocks.findIndex(
      (block) => block.kind === 'table' && block.rows.flat(2).some((l) => l.includes('Round two')),
    )
    expect(roundTwo).toBeGreaterThan(vision)
  })

  it('ends an item nobody finished at the last work made, not when the report is made', () => {
    const input = workshopInput()
    const report = composeReport({ ...input, now: at(60 * 24) })
    const agenda = report.blocks.find((block) => block.kind === 'table')!
    // Vision started at minute 65; its last note was made at 72.
    expect(agenda.kind === 'table' && agenda.rows[4]!.at(-1)).toEqual(['7 min'])
  })

  it('keeps any board within the document’s limits, saying what it had to shorten', () => {
    const input = workshopInput()
    const many = Array.from({ length: 4_500 }, (_, n) => ({ id: `shape:m${n}`, text: `idea ${n}` }))
    const huge = { id: 'shape:huge', text: 'x'.repeat(50_000) }
    input.plenary.loose.push(huge, ...many)
    input.plenary.frames[0]!.cells[1]!.notes.push(...many)
    const report = composeReport(input)
    expect(ReportDocument.safeParse(report).success).toBe(true)
    const lines = reportText(report)
    // All the loose ones (over three lists); in the cell, its two values then 497 of them, and how many more.
    expect(lines.filter((line) => /^idea \d+$/.test(line))).toHaveLength(4_500 + 497)
    expect(lines).toContain(`… +${4_500 + 2 - 499}`)
    expect(lines.some((line) => line.startsWith('xxx') && line.endsWith('…') && line.length < 20_000)).toBe(true)
  })

  it('without an agenda run, puts all the work under one section', () => {
    const unplanned = composeReport({ ...workshopInput(), agenda: [], runs: [] })
    expect(headings(unplanned.blocks, 1)).toEqual(['Work on the boards', 'Annex: the boards'])
  })
})
