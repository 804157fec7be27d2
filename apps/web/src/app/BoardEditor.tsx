import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo, useState } from 'react'
import { Tldraw, atom, createTLCurrentUser, type Editor, type TLComponents, type TLUserPreferences } from 'tldraw'
import 'tldraw/tldraw.css'
import { type BoardView, canEditBoard, type ClientConfig, isLanguageCode, type LinkRefusal } from '@cg/contract'
import { boardShapeUtils } from '../board/BoardSession.ts'
import { ChromeSlotsContext } from '../board/ChromeSlots.tsx'
import { keepDialogKeysFromCanvas } from '../board/dialogKeys.ts'
import { RefusalNotices } from '../board/RefusalNotices.tsx'
import { CodraftContext } from '../board/shapes/CodraftContext.ts'
import { useBoardSession, type BoardGoneReason } from '../board/useBoardSession.ts'
import { WorkshopContext } from '../board/workshop/WorkshopContext.ts'
import { RestoreNotice } from '../history/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { UpdateBanner } from '../offline/index.ts'
import { SectorShapeWrapper } from '../sectors/index.ts'
import { saveIdentity, type Identity } from '../shared/identity.ts'
import { MessagePage } from '../shared/MessagePage.tsx'
import { BoardChromeContext } from './boardChrome.ts'
import { BoardOverlay } from './BoardOverlay.tsx'
import { ConnectionBadge } from '../board/ConnectionBadge.tsx'
import { MainMenu } from './MainMenu.tsx'
import { SharePanel, TopPanel } from './TopPanel.tsx'

// Fonts, icons and tldraw's own translations are bundled and served from our origin: boards must work on
// a network with no internet, and must not leak which boards are open to a third-party CDN.
const assetUrls = getAssetUrlsByImport()

/**
 * A new note's text editor takes keys as soon as it has focus, but TipTap's autofocus (a tick later) then put the
 * caret back at the start: a first key typed in that tick ended up second ("eTachers"). At the end, a late
 * autofocus leaves the caret where the typing already is.
 */
const BOARD_OPTIONS = { text: { tipTapConfig: { autofocus: 'end' as const } } }

/**
 * tldraw asks for all sixteen of its font faces (about 1.4 MB) as it mounts, to have every style ready: on a field
 * office's link that was two thirds of a first visit. Only the faces the page's shapes use are loaded instead; each
 * shape asks for its own as it renders (tldraw's own mechanism), so a style picked later loads its face then.
 */
function loadOnlyFontsInUse(editor: Editor): void {
  // tldraw queues the request and loads it a moment later (a microtask), after this runs: empty the queue.
  const queued = (editor.fonts as unknown as { fontsToLoad?: unknown }).fontsToLoad
  if (queued instanceof Set) queued.clear()
  void editor.fonts.loadRequiredFontsForCurrentPage()
}

/** What the page sets up on tldraw's editor once it is there; returns what undoes it when the editor goes. */
function onEditorMount(editor: Editor): () => void {
  loadOnlyFontsInUse(editor)
  return keepDialogKeysFromCanvas(editor)
}

const components: TLComponents = {
  MainMenu,
  SharePanel,
  TopPanel,
  ShapeWrapper: SectorShapeWrapper,
  InFrontOfTheCanvas: BoardOverlay,
}

export function BoardEditor(props: {
  board: BoardView
  /** The secret of the link the board was opened with. */
  token: string
  config: ClientConfig
  identity: Identity
  onGone: (reason: BoardGoneReason) => void
  onRefused: (reason: LinkRefusal) => void
}) {
  const { board, token, config, identity, onGone, onRefused } = props
  const { t, language, setLanguage } = useI18n()
  const canEdit = canEditBoard(board.role)

  // One signal feeds tldraw's user preferences (name, colour, UI language) and our presence.
  const $preferences = useMemo(
    () =>
      atom<TLUserPreferences>('user preferences', {
        id: identity.id,
        name: identity.name,
        color: identity.color,
        locale: language.code,
      }),
    // Created once per identity; language changes are pushed in below without recreating the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [identity.id],
  )
  useEffect(() => {
    $preferences.update((prefs) => ({ ...prefs, locale: language.code }))
  }, [$preferences, language.code])
  const user = useMemo(
    () =>
      createTLCurrentUser({
        userPreferences: $preferences,
        setUserPreferences: (prefs) => {
          $preferences.set(prefs)
          // Renaming yourself in the people menu is remembered like the first-visit name.
          if (prefs.name && prefs.name.trim()) saveIdentity(prefs.name)
          // Picking one of our languages in tldraw's own menu switches our panels too.
          if (prefs.locale && isLanguageCode(prefs.locale)) setLanguage(prefs.locale)
        },
      }),
    [$preferences, setLanguage],
  )

  const { session, workshop, status, opening, readOnlyReason, refused, failed } = useBoardSession({
    board,
    token,
    identity,
    canEdit,
    maxAssetBytes: config.maxAssetBytes,
    $preferences,
    onGone,
    onRefused,
  })

  const chrome = useMemo(() => ({ title: board.title, status, opening, board, token }), [board, token, status, opening])
  // The bar, the notice row and the strip above the canvas and the column beside it (see ChromeSlots).
  const [top, setTop] = useState<HTMLElement | null>(null)
  const [notice, setNotice] = useState<HTMLElement | null>(null)
  const [strip, setStrip] = useState<HTMLElement | null>(null)
  const [side, setSide] = useState<HTMLElement | null>(null)
  const slots = useMemo(() => ({ top, notice, strip, side }), [top, notice, strip, side])

  if (refused || failed) {
    return (
      <MessagePage title={t(failed ? 'loadFailed' : 'connectionRefused')}>
        <p>
          <button type="button" onClick={() => location.reload()}>
            {t('retry')}
          </button>
        </p>
      </MessagePage>
    )
  }
  if (!session) {
    return (
      <MessagePage title={t('loadingBoard')} busy>
        <ConnectionBadge status={status} />
      </MessagePage>
    )
  }
  return (
    <BoardChromeContext.Provider value={chrome}>
      <div className="cg-board">
        <UpdateBanner />
        {readOnlyReason && (
          <div role="alert" className="cg-banner">
            {t(readOnlyReason === 'newer-schema' ? 'newerSchema' : 'migrationFailed')}{' '}
            <button type="button" onClick={() => location.reload()}>
              {t('refresh')}
            </button>
          </div>
        )}
        <div className="cg-top" ref={setTop} />
        <div className="cg-notice" ref={setNotice} />
        <div className="cg-strip" ref={setStrip} />
        <div className="cg-board-main">
          <div className="cg-side" ref={setSide} />
          <div className="cg-canvas-area">
            <ChromeSlotsContext.Provider value={slots}>
              <CodraftContext.Provider value={session.codraft}>
                <WorkshopContext.Provider value={workshop}>
                  <Tldraw
                    store={session.store}
                    shapeUtils={boardShapeUtils}
                    user={user}
                    assetUrls={assetUrls}
                    components={components}
                    options={BOARD_OPTIONS}
                    onMount={onEditorMount}
                    {...(config.tldrawLicenseKey ? { licenseKey: config.tldrawLicenseKey } : {})}
                  >
                    <RefusalNotices connection={session.connection} />
                    <RestoreNotice />
                  </Tldraw>
                </WorkshopContext.Provider>
              </CodraftContext.Provider>
            </ChromeSlotsContext.Provider>
          </div>
        </div>
      </div>
    </BoardChromeContext.Provider>
  )
}
