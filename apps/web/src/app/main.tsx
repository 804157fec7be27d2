import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
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

const boardPath = /^\/b\/([^/]+)\/?$/.exec(location.pathname)
const printPath = /^\/b\/([^/]+)\/print\/?$/.exec(location.pathname)
const versionPath = /^\/b\/([^/]+)\/versions\/([^/]+)\/?$/.exec(location.pathname)

// The app stays on this device: boards opened before reopen with no network (see offline/).
registerAppShell()
// The reader's words before the first paint (English, the fallback, is part of the app).
await loadMessages(initialLanguage()).catch(() => undefined)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {versionPath ? (
        <Suspense fallback={null}>
          <VersionPage boardId={decodeURIComponent(versionPath[1]!)} versionId={decodeURIComponent(versionPath[2]!)} />
        </Suspense>
      ) : printPath ? (
        <Suspense fallback={null}>
          <PrintPage boardId={decodeURIComponent(printPath[1]!)} />
        </Suspense>
      ) : boardPath ? (
        <BoardPage boardId={decodeURIComponent(boardPath[1]!)} />
      ) : (
        <HomePage />
      )}
    </I18nProvider>
  </StrictMode>,
)
