import { lazy, Suspense } from 'react'
import { DefaultMainMenu, DefaultMainMenuContent, TldrawUiMenuGroup, TldrawUiMenuItem } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useAddDialog } from '../shared/useAddDialog.tsx'
import { useBoardChrome } from './boardChrome.ts'

// Opened now and then: loads when first opened, to keep a participant's first visit light.
const ExportPdfDialog = lazy(() =>
  import('../export/ExportPdfDialog.tsx').then((module) => ({ default: module.ExportPdfDialog })),
)
/**
 * tldraw's main menu, with "Export PDF…" first: beside tldraw's own Export (PNG and SVG of the selection or
 * the page), so every export is in one menu.
 */
export function MainMenu() {
  const { board, token } = useBoardChrome()
  const { t } = useI18n()
  const addDialog = useAddDialog()
  return (
    <DefaultMainMenu>
      <TldrawUiMenuGroup id="cg-export">
        <TldrawUiMenuItem
          id="cg-export-pdf"
          label={`${t('exportPdf')}…`}
          readonlyOk
          onSelect={() => {
            addDialog(({ onClose }) => (
              <Suspense fallback={null}>
                <ExportPdfDialog boardId={board.id} token={token} role={board.role} onClose={onClose} />
              </Suspense>
            ))
          }}
        />
      </TldrawUiMenuGroup>
      <DefaultMainMenuContent />
    </DefaultMainMenu>
  )
}
