import { useState } from 'react'
import { revealPrivateDrafts } from '../shared/api.ts'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { usePrivateNotes } from '../board/workshop/presenceReports.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { updateWorkshop } from '../board/workshop/writeWorkshop.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** Private mode on/off and the reveal (anonymous or named) of everyone's private notes on this board. */
export function PrivateModeSection() {
  const { t, language } = useI18n()
  const { workshopDoc: doc, board, token } = useWorkshop()
  const privateMode = useWorkshopField('privateMode')
  const privateNotes = usePrivateNotes(useCodraftContext()?.awareness)
  const [anonymous, setAnonymous] = useState(true)
  const [reveal, setReveal] = useState<{ kind: 'idle' | 'busy' | 'failed' } | { kind: 'done'; count: number }>({
    kind: 'idle',
  })

  async function revealNow() {
    setReveal({ kind: 'busy' })
    const result = await revealPrivateDrafts(board.id, token, anonymous)
    setReveal(result.ok ? { kind: 'done', count: result.value.revealed } : { kind: 'failed' })
  }

  return (
    <PanelSection title={t('privateMode')} tool="privateMode">
      <label className="cg-check">
        <input
          type="checkbox"
          checked={privateMode.on}
          onChange={(event) =>
            updateWorkshop(doc, 'privateMode', (current) => ({ ...current, on: event.target.checked }))
          }
        />
        {t('privateModeToggle')}
      </label>
      <p className="cg-muted">{t('privateModeHelp')}</p>
      <label className="cg-check">
        <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} />
        {t('revealAnonymously')}
      </label>
      <p className="cg-muted" data-testid="private-notes-count">
        {privateNotes.notes === 0
          ? t('noPrivateNotes')
          : plural(language.code, 'privateNotesHeld', privateNotes.notes, {
              people: plural(language.code, 'people', privateNotes.authors),
            })}
      </p>
      <button type="button" disabled={reveal.kind === 'busy'} onClick={() => void revealNow()}>
        {reveal.kind === 'busy' ? t('revealing') : t('revealNotes')}
      </button>
      {reveal.kind === 'done' && (
        <p role="status">
          {plural(language.code, 'notesRevealed', reveal.count)}{' '}
          {privateMode.on && (
            <>
              {t('privateModeStillOn')}{' '}
              <button
                type="button"
                onClick={() => updateWorkshop(doc, 'privateMode', (current) => ({ ...current, on: false }))}
              >
                {t('turnPrivateModeOff')}
              </button>
            </>
          )}
        </p>
      )}
      {reveal.kind === 'failed' && (
        <p role="alert" className="cg-error">
          {t('revealFailed')}
        </p>
      )}
    </PanelSection>
  )
}
