/**
 * The benchmark's reference for big boards: tldraw alone, with its own shapes and UI, no sync, no code of ours,
 * holding the same records (served by the bench as /records.json). What a board costs tldraw itself.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createRoot } from 'react-dom/client'
import { createTLStore, defaultShapeUtils, Tldraw, type TLRecord } from 'tldraw'
import 'tldraw/tldraw.css'

const records = (await (await fetch('/records.json')).json()) as TLRecord[]
const store = createTLStore({ shapeUtils: defaultShapeUtils })
store.mergeRemoteChanges(() => store.put(records))
createRoot(document.getElementById('root')!).render(<Tldraw store={store} assetUrls={getAssetUrlsByImport()} />)
