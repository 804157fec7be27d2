import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useState } from 'react'
import { createTLStore, Tldraw, type TLRecord, type TLStore } from 'tldraw'
import 'tldraw/tldraw.css'
import * as Y from 'yjs'
import { getCodraftText } from '@cg/codraft'
import { fetchVersionContent } from '../shared/api.ts'
import { boardShapeUtils, storeShapeUtils } from '../board/BoardSession.ts'
import { tokenFromHash } from '../shared/boardLink.ts'
import { registerCodraftDoc } from '../board/shapes/codraftTextSource.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { MessagePage } from '../shared/MessagePage.tsx'
import { versionTime } from './versionTime.ts'

const assetUrls = getAssetUrlsByImport()

interface Loaded {
  store: TLStore
  createdAt: string
  dispose: () => void
}

/**
 * One version of a board, read-only, in a tab of its own (opened from the facilitator's History): the records
 * as they were, in the schema they were written with (tldraw migrates them), and the co-drafted texts.
 */
export function VersionPage({ boardId, versionId }: { boardId: string; versionId: string }) {
  const { t, language } = useI18n()
  const [token] = useState(() => tokenFromHash(location.hash) ?? '')
  const [state, setState] = useState<Loaded | 'loading' | 'failed'>('loading')

  useEffect(() => {
    // The secret leaves the address bar, as on the board page.
    if (location.hash) history.replaceState(history.state, '', location.pathname)
    let cancelled = false
    let loaded: Loaded | undefined
    void fetchVersionContent(boardId, versionId, token).then((result) => {
      if (cancelled) return
      if (!result.ok) return setState('failed')
      const records = Object.fromEntries(result.value.records.map((record) => [(record as TLRecord).id, record]))
      const shapeUtils = storeShapeUtils
      const { schema } = result.value
      // With the schema they were written in, tldraw migrates old records as it loads them.
      const store = schema
        ? createTLStore({ shapeUtils, snapshot: { store: records as never, schema: schema as never } })
        : createTLStore({ shapeUtils })
      if (!schema) store.put(Object.values(records) as TLRecord[])
      const texts = new Y.Doc()
      for (const [name, text] of Object.entries(result.value.texts)) {
        getCodraftText(texts, name.replace(/^codraft:/, '')).insert(0, text)
      }
      const unregister = registerCodraftDoc(store.id, texts)
      loaded = { store, createdAt: result.value.createdAt, dispose: () => (unregister(), texts.destroy()) }
      setState(loaded)
    })
    return () => {
      cancelled = true
      loaded?.dispose()
    }
  }, [boardId, versionId, token])

  if (state === 'loading') return <MessagePage title={t('loadingBoard')} busy />
  if (state === 'failed') return <MessagePage title={t('historyFailed')} />
  const time = versionTime(state.createdAt, language.code)
  return (
    <div className="cg-board cg-version-page">
      <div role="note" className="cg-banner">
        <strong>{t('versionPreviewTitle').replace('{time}', time)}</strong> {t('versionPreviewHelp')}
      </div>
      <Tldraw
        store={state.store}
        shapeUtils={boardShapeUtils}
        assetUrls={assetUrls}
        onMount={(editor) => {
          editor.updateInstanceState({ isReadonly: true })
          editor.zoomToFit()
        }}
      />
    </div>
  )
}
