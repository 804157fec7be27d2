// Placeholder entry of the outline page (apps/web/outline.html), replaced by the outline page itself.
import { createRoot } from 'react-dom/client'

createRoot(document.getElementById('root')!).render(<main>Outline</main>)
