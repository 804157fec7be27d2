import { useEditor } from 'tldraw'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { AgendaSection } from '../agenda/AgendaSection.tsx'
import { AttentionSection } from '../attention/AttentionSection.tsx'
import { BackupSection } from '../history/BackupSection.tsx'
import { BreakoutsSection } from '../breakouts/BreakoutsSection.tsx'
import { HistorySection } from '../history/HistorySection.tsx'
import { PrivateModeSection } from '../private/PrivateModeSection.tsx'
import { ScaffoldLockSection } from '../templates/ScaffoldLock.tsx'
import { VotingSection } from '../voting/VotingSection.tsx'
import { setFacilitatorPanelOpen } from './facilitatorPanelState.ts'

/**
 * Every facilitation control in one side panel, section by section, in the column beside the canvas. Loaded the
 * first time a facilitator opens it (see WorkshopLayer): participants never download it.
 */
export default function FacilitatorPanel() {
  const { t, language } = useI18n()
  const editor = useEditor()
  return (
    <InChromeSlot slot="side">
      <aside className="cg-facilitator-panel" aria-label={t('facilitate')} dir={language.dir}>
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
      </aside>
    </InChromeSlot>
  )
}
