import { useEditor } from 'tldraw'
import type { TLShapeId } from 'tldraw'
import type { VotingSession } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { shapeLabel } from '../board/shapes/shapeLabel.ts'
import { VoteResultsList } from './VoteResultsList.tsx'

/** The ranked list of an ended voting session, kept with the board for the report: items named from the canvas. */
export function VotingResults({ session }: { session: VotingSession }) {
  const { t, language } = useI18n()
  const editor = useEditor()
  return (
    <VoteResultsList
      session={session}
      itemLabel={(itemId) => shapeLabel(editor, itemId as TLShapeId, t('deletedItem'), language.code)}
    />
  )
}
