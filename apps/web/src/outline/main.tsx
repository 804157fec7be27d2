// The outline page (apps/web/outline.html): a board as an accessible tree, without the canvas. Nothing it imports
// may load tldraw, and it registers no service worker (that would fetch the whole canvas app into the cache).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { PageRoutes } from '@cg/contract'
import { I18nProvider } from '../i18n/I18nProvider.tsx'
import { initialLanguage, loadMessages } from '../i18n/languages.ts'
import { OutlinePage } from './OutlinePage.tsx'
import './outline.css'

const outlinePath = PageRoutes.outline.match(location.pathname)

// The reader's words before the first paint (English, the fallback, is part of the page).
await loadMessages(initialLanguage()).catch(() => undefined)

// The server answers only an outline's address with this page; anything else is the app's.
if (!outlinePath) location.replace('/')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>{outlinePath && <OutlinePage boardId={outlinePath.id} />}</I18nProvider>
  </StrictMode>,
)
