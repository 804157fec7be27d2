import { useEffect } from 'react'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { readDocRecords } from '@cg/tldraw-yjs/layout'
import { announce, PRIVATE_NOTES_FIELD } from '../board/workshop/presenceReports.ts'
import { useDocValue } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

const countPrivateShapes = (doc: Y.Doc | null) =>
  doc
    ? [...readDocRecords(doc).values()].filter((record) => (record as { typeName?: unknown }).typeName === 'shape')
        .length
    : 0

/**
 * How many private notes this person holds (not what they say) goes into their presence on the board, for the
 * facilitator's count before revealing: read from their private room, which holds exactly their unrevealed drafts
 * (not from the whole board). The same report from the canvas and from the outline.
 */
export function usePrivateNotesReport(awareness: Awareness | undefined): void {
  const { role, privateDoc } = useWorkshop()
  const privateCount = useDocValue(privateDoc, countPrivateShapes)
  useEffect(() => {
    if (awareness && role === 'editor') announce(awareness, PRIVATE_NOTES_FIELD, privateCount > 0 ? privateCount : null)
  }, [awareness, role, privateCount])
}
