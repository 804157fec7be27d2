import { atom, useEditor, useValue, type Editor } from 'tldraw'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
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

/**
 * Opens or closes the panel. The canvas narrows or widens beside it; the view keeps its centre and its zoom, so
 * what was in the middle of the screen stays there (tldraw alone would keep the top corner and shift the rest).
 */
export function setFacilitatorPanelOpen(editor: Editor, open: boolean): void {
  $facilitatorPanelOpen.set(open)
  requestAnimationFrame(() => editor.updateViewportScreenBounds(editor.getContainer(), true))
}

/** Every facilitation control in one side panel, section by section, in the column beside the canvas. */
export function FacilitatorPanel() {
  const { t, language } = useI18n()
  const editor = useEditor()
  const open = useValue($facilitatorPanelOpen)
  if (!open) return null
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
