import { COLUMNS, LEVELS, emptyCells, type Level, type Logframe } from './logframe.ts'

/** A template grid read back from the board (the shape of @cg/templates' `readGridTable`). */
export interface GridTableLike {
  rows: { id: string; sector?: string; kind?: string; cells: Record<string, string[]> }[]
}

const isLevel = (value: string | undefined): value is Level => LEVELS.includes(value as Level)

/**
 * The logframe template's grid as a logframe: each row's kind is its level (a row without one, the goal row, is
 * the goal); the notes of a cell become its lines.
 */
export function logframeFromGrid(table: GridTableLike, title: string): Logframe {
  return {
    title,
    rows: table.rows.map((row) => {
      const cells = emptyCells()
      for (const column of COLUMNS) cells[column] = (row.cells[column] ?? []).join('\n')
      return { level: isLevel(row.kind) ? row.kind : 'goal', sector: row.sector ?? null, cells }
    }),
  }
}
