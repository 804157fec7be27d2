import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useRef, useState } from 'react'
import {
  DefaultMainMenu,
  DefaultMainMenuContent,
  DefaultSharePanel,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  Tldraw,
  atom,
  computed,
  createTLCurrentUser,
  react,
  type TLStore,
  type Editor,
  type TLComponents,
  type TLUserPreferences,
  useDialogs,
  useEditor,
  useValue,
} from 'tldraw'
import 'tldraw/tldraw.css'
import type * as Y from 'yjs'
import { bindPresenceToAwareness, type PresenceUser, type ReadOnlyReason } from '@cg/tldraw-yjs'
import {
  type BoardView,
  canEditBoard,
  type ClientConfig,
  CloseReason,
  isLanguageCode,
  type LinkRefusal,
} from '@cg/contract'
import { createServerAssetStore } from '../shared/assetStore.ts'
import type { BoardConnection } from '../board/BoardConnection.ts'
import { BoardSession, boardShapeUtils } from '../board/BoardSession.ts'
import { ChromeSlotsContext, InChromeSlot } from '../board/ChromeSlots.tsx'
import { RefusalNotices } from '../board/RefusalNotices.tsx'
import { RestoreNotice } from '../history/RestoreNotice.tsx'
import { LinksButton } from '../access/LinksDialog.tsx'
import { RoleBadge } from '../access/RoleBadge.tsx'
import { ConnectionBadge } from './ConnectionBadge.tsx'
import type { ConnectionStatus } from '../board/connectionStatus.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { saveIdentity, type Identity } from '../shared/identity.ts'
import { MessagePage } from '../shared/MessagePage.tsx'
import { UpdateBanner } from '../offline/UpdateBanner.tsx'
import { BoardOverlay } from './BoardOverlay.tsx'
import { SectorPanel } from '../sectors/SectorPanel.tsx'
import { CodraftContext, type CodraftContextValue } from '../board/shapes/CodraftContext.ts'
import { insertCodraftBlock } from '../codraft/insertCodraftBlock.ts'
import { SectorShapeWrapper } from '../sectors/SectorShapeWrapper.tsx'
import { $facilitatorPanelOpen, setFacilitatorPanelOpen } from '../workshop/facilitatorPanelState.ts'
import { measureClockOffset } from '../board/workshop/serverClock.ts'
import { WorkshopContext, type WorkshopContextValue } from '../board/workshop/WorkshopContext.ts'
import { WorkshopRooms } from '../board/workshop/workshopRooms.ts'

// Fonts, icons and tldraw's own translations are bundled and served from our origin: boards must work on
// a network with no internet, and must not leak which boards are open to a third-party CDN.
const assetUrls = getAssetUrlsByImport()

// Dialogs opened now and then load when first opened, to keep a participant's first visit light.
const ExportPdfDialog = lazy(() =>
  import('../export/ExportPdfDialog.tsx').then((module) => ({ default: module.ExportPdfDialog })),
)
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

interface BoardChrome {
  title: string
  status: ConnectionStatus
  /** See ConnectionBadge: how much of a big board is on the canvas yet. */
  opening: number | null
  board: BoardView
  token: string
}
const BoardChromeContext = createContext<BoardChrome | null>(null)

function useBoardChrome(): BoardChrome {
  const chrome = useContext(BoardChromeContext)
  if (!chrome) throw new Error('useBoardChrome outside a board')
  return chrome
}

/** tldraw's share zone keeps only its people menu: our role, links and connection are in the bar above. */
function SharePanel() {
  return <DefaultSharePanel />
}

/** The bar above the canvas (rendered from inside tldraw, for the editor, into the page's top slot). */
function TopPanel() {
  const { title, board, status, opening, token } = useBoardChrome()
  const role = board.role
  const facilitating = useValue($facilitatorPanelOpen)
  const { t } = useI18n()
  const { addDialog } = useDialogs()
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
        <button
          type="button"
          className="cg-topbar-button"
          disabled={readonly}
          onClick={() => addDialog({ component: LazyTemplatesDialog })}
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

/**
 * tldraw's main menu, with "Export PDF…" first: beside tldraw's own Export (PNG and SVG of the selection or
 * the page), so every export is in one menu.
 */
function MainMenu() {
  const { board, token } = useBoardChrome()
  const { t } = useI18n()
  const { addDialog } = useDialogs()
  return (
    <DefaultMainMenu>
      <TldrawUiMenuGroup id="cg-export">
        <TldrawUiMenuItem
          id="cg-export-pdf"
          label={`${t('exportPdf')}…`}
          readonlyOk
          onSelect={() => {
            addDialog({
              component: ({ onClose }) => (
                <Suspense fallback={null}>
                  <ExportPdfDialog boardId={board.id} token={token} role={board.role} onClose={onClose} />
                </Suspense>
              ),
            })
          }}
        />
      </TldrawUiMenuGroup>
      <DefaultMainMenuContent />
    </DefaultMainMenu>
  )
}

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

const components: TLComponents = {
  MainMenu,
  SharePanel,
  TopPanel,
  ShapeWrapper: SectorShapeWrapper,
  InFrontOfTheCanvas: BoardOverlay,
}

interface Session {
  store: TLStore
  connection: BoardConnection
  codraft: CodraftContextValue
  workshopDoc: Y.Doc
  workshopSync: WorkshopContextValue['workshopSync']
  privateDoc: Y.Doc | null
}

export function BoardEditor(props: {
  board: BoardView
  /** The secret of the link the board was opened with. */
  token: string
  config: ClientConfig
  identity: Identity
  onNotFound: () => void
  onRefused: (reason: LinkRefusal) => void
}) {
  const { board, token, config, identity, onNotFound, onRefused } = props
  const { t, language, setLanguage } = useI18n()
  const [session, setSession] = useState<Session | null>(null)
  const [status, setStatus] = useState<ConnectionStatus>('connecting')
  /** How much of a big board is on the canvas while it goes in in steps (0 to 1); null once all of it is. */
  const [opening, setOpening] = useState<number | null>(null)
  const [readOnlyReason, setReadOnlyReason] = useState<ReadOnlyReason | null>(null)
  const [refused, setRefused] = useState(false)
  const [privateRoomFull, setPrivateRoomFull] = useState(false)
  const [failed, setFailed] = useState(false)
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

  // Upload errors are worded when they happen, in the language chosen by then.
  const tRef = useRef(t)
  useEffect(() => {
    tRef.current = t
  }, [t])

  const maxAssetBytes = config.maxAssetBytes
  useEffect(() => {
    const opened = new BoardSession(board.id, token, {
      assets: createServerAssetStore(board.id, token, maxAssetBytes, (key) => tRef.current(key)),
      // Viewers get a read-only editor too: the server drops their updates anyway, so none should be made.
      readOnly: !canEdit,
      loadInSteps: true,
    })
    const { connection, store } = opened
    const rooms = new WorkshopRooms(board, token, canEdit)
    const unsubscribe = connection.subscribe({
      status: setStatus,
      closed: (reason) => {
        if (reason === CloseReason.boardNotFound) onNotFound()
        else if (reason === 'server-refused' || reason === CloseReason.privateRoomsFull) setRefused(true)
        else onRefused(reason)
      },
    })
    // The board keeps only so many private rooms: this person's drafts and ballots then stay on this device.
    const unsubscribePrivate = rooms.private?.subscribe({
      closed: (reason) => setPrivateRoomFull(reason === CloseReason.privateRoomsFull),
    })
    let cancelled = false
    const disposers: (() => void)[] = []
    void opened.load().then(
      (binding) => {
        if (cancelled || !binding) return
        rooms.bindPrivateDrafts(store)
        const stopBanner = react('read-only banner', () => setReadOnlyReason(binding.$readOnlyReason.get()))
        const stopOpening = react('opening progress', () => {
          const progress = binding.$loading.get()
          setOpening(progress ? progress.done / progress.total : null)
        })
        const $presenceUser = computed<PresenceUser>('presence user', () => {
          const prefs = $preferences.get()
          return { id: prefs.id, name: prefs.name ?? '', color: prefs.color ?? '#1f77b4' }
        })
        // Cursor moves are sent at most every 50 ms: smooth enough, and kind to slow links.
        const presence = bindPresenceToAwareness(store, connection.provider.awareness, $presenceUser, {
          throttleMs: 50,
        })
        disposers.push(() => presence.dispose(), stopBanner, stopOpening)
        setSession({
          store,
          connection,
          codraft: { doc: connection.doc, awareness: connection.provider.awareness },
          workshopDoc: rooms.workshop.doc,
          workshopSync: {
            synced: () => rooms.workshop.provider.synced,
            subscribe: (onChange: () => void) => {
              rooms.workshop.provider.on('sync', onChange)
              return () => rooms.workshop.provider.off('sync', onChange)
            },
          },
          privateDoc: rooms.private?.doc ?? null,
        })
      },
      (error: unknown) => {
        // A bug, not a refusal: say so on the page instead of loading forever.
        console.error('opening the board failed', error)
        if (!cancelled) setFailed(true)
      },
    )
    return () => {
      cancelled = true
      unsubscribe()
      unsubscribePrivate?.()
      for (const dispose of disposers) dispose()
      rooms.destroy()
      opened.destroy()
      setSession(null)
    }
    // `board` changes identity only when another board is opened, which changes `board.id` too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [board.id, token, canEdit, maxAssetBytes, onNotFound, onRefused, $preferences])

  // The shared timer runs in server time; this computer's clock may be minutes off.
  const clockOffset = useRef(0)
  useEffect(() => {
    void measureClockOffset().then((offset) => (clockOffset.current = offset))
  }, [])
  const workshop = useMemo<WorkshopContextValue | null>(
    () =>
      session && {
        board,
        role: board.role,
        token,
        plenaryId: board.parentId ?? board.id,
        workshopDoc: session.workshopDoc,
        workshopSync: session.workshopSync,
        privateDoc: session.privateDoc,
        privateRoomFull,
        me: { id: identity.id, name: identity.name },
        serverNow: () => Date.now() + clockOffset.current,
      },
    [session, board, token, identity.id, identity.name, privateRoomFull],
  )

  const chrome = useMemo(() => ({ title: board.title, status, opening, board, token }), [board, token, status, opening])
  // The bar and the strip above the canvas and the column beside it (see ChromeSlots).
  const [top, setTop] = useState<HTMLElement | null>(null)
  const [strip, setStrip] = useState<HTMLElement | null>(null)
  const [side, setSide] = useState<HTMLElement | null>(null)
  const slots = useMemo(() => ({ top, strip, side }), [top, strip, side])

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
                    onMount={loadOnlyFontsInUse}
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
