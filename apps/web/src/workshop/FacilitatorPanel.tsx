import { atom, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { AgendaSection } from './AgendaSection.tsx'
import { AttentionSection } from './AttentionSection.tsx'
import { BackupSection } from './BackupSection.tsx'
import { BreakoutsSection } from './BreakoutsSection.tsx'
import { HistorySection } from './HistorySection.tsx'
import { PrivateModeSection } from './PrivateModeSection.tsx'
import { ScaffoldLockSection } from './ScaffoldLock.tsx'
import { VotingSection } from './VotingSection.tsx'

/** Whether the facilitator's panel is open (per tab). */
export const $facilitatorPanelOpen = atom('facilitator panel open', false)

/** Every facilitation control in one side panel, section by section. */
export function FacilitatorPanel() {
  const { t, language } = useI18n()
  const open = useValue($facilitatorPanelOpen)
  if (!open) return null
  return (
    <aside className="cg-facilitator-panel" aria-label={t('facilitate')} dir={language.dir}>
      <header>
        <h2>{t('facilitate')}</h2>
        <button type="button" aria-label={t('close')} onClick={() => $facilitatorPanelOpen.set(false)}>
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
  )
}
