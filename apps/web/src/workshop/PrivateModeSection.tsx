import { useId, useState } from 'react'
import { revealPrivateDrafts } from '../api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { countMessage } from '../i18n/plural.ts'
import { useWorkshopField } from './useDocValue.ts'
import { useWorkshop } from './WorkshopContext.ts'
import { updateWorkshop } from './writeWorkshop.ts'

/** Private mode on/off and the reveal (anonymous or named) of everyone's private notes on this board. */
export function PrivateModeSection() {
  const { t } = useI18n()
  const { workshopDoc: doc, board, token } = useWorkshop()
  const privateMode = useWorkshopField('privateMode')
  const headingId = useId()
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
    <section aria-labelledby={headingId} className="cg-fac-section">
      <h3 id={headingId}>{t('privateMode')}</h3>
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
      <button type="button" disabled={reveal.kind === 'busy'} onClick={() => void revealNow()}>
        {reveal.kind === 'busy' ? t('revealing') : t('revealNotes')}
      </button>
      {reveal.kind === 'done' && (
        <p role="status">{countMessage(t, reveal.count, 'notesRevealedOne', 'notesRevealed')}</p>
      )}
      {reveal.kind === 'failed' && (
        <p role="alert" className="cg-error">
          {t('revealFailed')}
        </p>
      )}
    </section>
  )
}
