import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { PageRoutes } from '@cg/contract'
import { BoardPage } from './BoardPage.tsx'
import { HomePage } from './HomePage.tsx'
import { I18nProvider } from '../i18n/I18nProvider.tsx'
import { initialLanguage, loadMessages } from '../i18n/languages.ts'
import { registerAppShell } from '../offline/index.ts'
import './styles.css'

// Pages a participant never opens load on their own: the print view (what the server's Chromium prints) and a
// saved version. The board and home pages are the first visit, so they come with the app.
const PrintPage = lazy(() => import('../export/PrintPage.tsx').then((module) => ({ default: module.PrintPage })))
const VersionPage = lazy(() => import('../history/VersionPage.tsx').then((module) => ({ default: module.VersionPage })))

const boardPath = PageRoutes.board.match(location.pathname)
const printPath = PageRoutes.print.match(location.pathname)
const versionPath = PageRoutes.version.match(location.pathname)

// The app stays on this device: boards opened before reopen with no network (see offline/).
registerAppShell()
// The reader's words before the first paint (English, the fallback, is part of the app).
await loadMessages(initialLanguage()).catch(() => undefined)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {versionPath ? (
        <Suspense fallback={null}>
          <VersionPage boardId={versionPath.id} versionId={versionPath.versionId} />
        </Suspense>
      ) : printPath ? (
        <Suspense fallback={null}>
          <PrintPage boardId={printPath.id} />
        </Suspense>
      ) : boardPath ? (
        <BoardPage boardId={boardPath.id} />
      ) : (
        <HomePage />
      )}
    </I18nProvider>
  </StrictMode>,
)
