import { describe, expect, it } from 'vitest'
import { composeReport } from './composeReport.ts'
import { ReportDocument, reportText, withoutIsolates, type ReportBlock } from './reportDocument.ts'
import { workshopInput } from './reportFixture.ts'

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
      [['5'], ['Vision and values'], ['Discussion'], ['20 min'], ['25 min']],
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

  it('without an agenda run, puts all the work under one section', () => {
    const unplanned = composeReport({ ...workshopInput(), agenda: [], runs: [] })
    expect(headings(unplanned.blocks, 1)).toEqual(['Work on the boards', 'Annex: the boards'])
  })
})
