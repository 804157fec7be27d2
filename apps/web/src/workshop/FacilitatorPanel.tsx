import { useEditor } from 'tldraw'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { AgendaSection } from '../agenda/index.ts'
import { AttentionSection } from '../attention/index.ts'
import { ActivitySection } from '../audit/index.ts'
import { BreakoutsSection } from '../breakouts/index.ts'
import { DeletionSection } from '../deletion/index.ts'
import { BackupSection, HistorySection } from '../history/index.ts'
import { PrivateModeSection } from '../private/index.ts'
import { RetentionSection } from '../retention/index.ts'
import { ScaffoldLockSection } from '../templates/index.ts'
import { VotingSection } from '../voting/index.ts'
import { setFacilitatorPanelOpen } from './facilitatorPanelState.ts'

/**
 * Every facilitation control in one side panel, section by section, in the column beside the canvas. Loaded the
 * first time a facilitator opens it (see WorkshopLayer): participants never download it. Escape or its Close button
 * closes it, and the focus goes back to the button that opened it (see facilitatorPanelState).
 */
export default function FacilitatorPanel() {
  const { t, language } = useI18n()
  const editor = useEditor()
  return (
    <InChromeSlot slot="side">
      <aside
        className="cg-facilitator-panel"
        aria-label={t('facilitate')}
        dir={language.dir}
        // Escape closes it from anywhere inside, as it closes a dialog; the focus goes back to its button.
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || event.defaultPrevented) return
          event.preventDefault()
          setFacilitatorPanelOpen(editor, false)
        }}
      >
        <header>
          <h2>{t('facilitate')}</h2>
          <button type="button" aria-label={t('close')} onClick={() => setFacilitatorPanelOpen(editor, false)}>
            ✕
          </button>
        </header>
        <AgendaSection />
        <VotingSection />
        <AttentionSection />
        <PrivateModeSection />
        <BreakoutsSection />
        <ScaffoldLockSection />
        <HistorySection />
        <BackupSection />
        <ActivitySection />
        <RetentionSection />
        <DeletionSection />
      </aside>
    </InChromeSlot>
  )
}
