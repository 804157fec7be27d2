import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BoardPage } from './BoardPage.tsx'
import { PrintPage } from './export/PrintPage.tsx'
import { HomePage } from './HomePage.tsx'
import { I18nProvider } from './i18n/I18nProvider.tsx'
import './styles.css'
import { VersionPage } from './workshop/VersionPage.tsx'

const boardPath = /^\/b\/([^/]+)\/?$/.exec(location.pathname)
const printPath = /^\/b\/([^/]+)\/print\/?$/.exec(location.pathname)
const versionPath = /^\/b\/([^/]+)\/versions\/([^/]+)\/?$/.exec(location.pathname)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {versionPath ? (
        <VersionPage boardId={decodeURIComponent(versionPath[1]!)} versionId={decodeURIComponent(versionPath[2]!)} />
      ) : printPath ? (
        <PrintPage boardId={decodeURIComponent(printPath[1]!)} />
      ) : boardPath ? (
        <BoardPage boardId={decodeURIComponent(boardPath[1]!)} />
      ) : (
        <HomePage />
      )}
    </I18nProvider>
  </StrictMode>,
)
