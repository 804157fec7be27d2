import { lazy, Suspense } from 'react'
import { DefaultSharePanel, useEditor, useValue } from 'tldraw'
import { LinksButton, RoleBadge } from '../access/index.ts'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
import { insertCodraftBlock } from '../codraft/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { SectorPanel } from '../sectors/index.ts'
import { useAddDialog } from '../shared/useAddDialog.tsx'
import { $facilitatorPanelOpen, setFacilitatorPanelOpen } from '../workshop/index.ts'
import { useBoardChrome } from './boardChrome.ts'
import { ConnectionBadge } from '../board/ConnectionBadge.tsx'
import { OutlineLink } from './OutlineLink.tsx'

// Opened now and then: loads when first opened, to keep a participant's first visit light.
const TemplatesDialog = lazy(() =>
  import('../templates/TemplatesDialog.tsx').then((module) => ({ default: module.TemplatesDialog })),
)
function LazyTemplatesDialog({ onClose }: { onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <TemplatesDialog onClose={onClose} />
    </Suspense>
  )
}

/** tldraw's share zone keeps only its people menu: our role, links and connection are in the bar above. */
export function SharePanel() {
  return <DefaultSharePanel />
}

/** The bar above the canvas (rendered from inside tldraw, for the editor, into the page's top slot). */
export function TopPanel() {
  const { title, board, status, opening, token } = useBoardChrome()
  const role = board.role
  const facilitating = useValue($facilitatorPanelOpen)
  const { t } = useI18n()
  const addDialog = useAddDialog()
  const editor = useEditor()
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  return (
    <InChromeSlot slot="top">
      <nav className="cg-topbar" aria-label={t('appName')}>
        <a href="/" className="cg-home-link" aria-label={t('appName')} title={t('appName')}>
          <span className="cg-home-full">{t('appName')}</span>
          <span className="cg-home-short" aria-hidden="true">
            ⌂
          </span>
        </a>
        <span aria-hidden="true"> / </span>
        <bdi className="cg-board-title">{title}</bdi>
        <OutlineLink boardId={board.id} token={token} />
        <button
          type="button"
          className="cg-topbar-button"
          disabled={readonly}
          onClick={() => addDialog(LazyTemplatesDialog)}
        >
          {t('templates')}
        </button>
        <button
          type="button"
          className="cg-topbar-button"
          disabled={readonly}
          onClick={() => insertCodraftBlock(editor, t('codraftDefaultLabel'))}
        >
          {t('addCodraft')}
        </button>
        <SectorPanel />
        {role === 'facilitator' && (
          <button
            type="button"
            className="cg-topbar-button"
            aria-pressed={facilitating}
            onClick={() => setFacilitatorPanelOpen(editor, !facilitating)}
          >
            {t('facilitate')}
          </button>
        )}
        <div className="cg-share">
          <RoleBadge role={board.role} />
          {board.role === 'facilitator' && <LinksButton board={board} token={token} />}
          <ConnectionBadge status={status} opening={opening} />
        </div>
      </nav>
    </InChromeSlot>
  )
}
