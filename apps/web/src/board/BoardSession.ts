import { atom, computed, createTLStore, defaultShapeUtils, type TLAssetStore, type TLStore } from 'tldraw'
import { isSharedRecord } from '@cg/facilitation/private-drafts'
import { bindStoreToYDoc, consoleLog, loadStepsNearestFirst, type StoreBinding } from '@cg/tldraw-yjs'
import { CodraftShapeUtil } from './shapes/CodraftShapeUtil.tsx'
import { registerCodraftDoc } from './shapes/codraftTextSource.ts'
import { LocalisedFrameShapeUtil, LocalisedGeoShapeUtil, LocalisedTextShapeUtil } from './shapes/LocalisedScaffold.tsx'
import { BoardConnection, type BoardConnectionOptions } from './BoardConnection.ts'
import { BoardNoteShapeUtil } from './shapes/BoardNoteShapeUtil.ts'

/**
 * Shapes of ours, registered both in the store (schema) and in every editor that draws a board (rendering); the
 * localised ones replace tldraw's own of the same type (same schema, template scaffold drawn in the reader's language),
 * and so does the note (same schema, its label measured when first needed: see BoardNoteShapeUtil).
 */
export const boardShapeUtils = [
  CodraftShapeUtil,
  BoardNoteShapeUtil,
  LocalisedGeoShapeUtil,
  LocalisedTextShapeUtil,
  LocalisedFrameShapeUtil,
]
const replaced = new Set<string>(boardShapeUtils.map((util) => util.type))

/** Every shape a board's store knows: tldraw's, with ours in place of those we replace. */
export const storeShapeUtils = [...defaultShapeUtils.filter((util) => !replaced.has(util.type)), ...boardShapeUtils]

export interface BoardSessionOptions extends BoardConnectionOptions {
  /** Where dropped files go; without one, tldraw would inline them as base64 into the doc. */
  assets?: TLAssetStore
  /** Never write, whatever the binding says: viewers, and the print view. */
  readOnly?: boolean
  /**
   * Put a big board into the editor in steps, what the opening view shows first (the board page; a print needs
   * every record before it lays out). The editor is read-only until the last step is in.
   */
  loadInSteps?: boolean
}

/** Shapes put into the store per step of a first load: about a frame's worth of work each on a laptop. */
const SHAPES_PER_STEP = 150
/** Boards up to this many records open in one go (a few hundred milliseconds at most): no read-only moment. */
const OPEN_AT_ONCE = 500

/**
 * A change is written to the board (cached, sent to everyone) at most this often: a drag of many notes at 60 frames
 * a second would otherwise send every note's record 60 times a second, too much for a field office's uplink.
 */
const WRITE_EVERY_MS = 50

/**
 * Runs `step` once the next frame is painted; returns a cancel. A tab in the background gets no animation frames,
 * so a board opened (or left) there goes on loading at a slower pace instead of waiting to be looked at.
 */
function afterNextPaint(step: () => void): () => void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    cancel()
    step()
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => (timer = setTimeout(once, 0)))
  const fallback = setTimeout(once, 100)
  const cancel = () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    clearTimeout(fallback)
  }
  return () => {
    done = true
    cancel()
  }
}

/**
 * A board opened in this page, the one way every view opens one (the board page, the print view, and later
 * the outline and history views): its connection, and a tldraw store bound to the board's doc once the doc can
 * be shown. The editor turns read-only whenever the binding stops writing (a newer schema, a failed migration),
 * so no edit is made that would silently go nowhere.
 */
export class BoardSession {
  readonly connection: BoardConnection
  readonly store: TLStore
  private readonly $binding = atom<StoreBinding | null>('binding', null)
  private readonly disposers: (() => void)[] = []
  private destroyed = false
  private readonly loadInSteps: boolean

  constructor(room: string, token: string, options: BoardSessionOptions = {}) {
    this.connection = new BoardConnection(room, token, options)
    const $online = atom<'online' | 'offline'>('connection', 'offline')
    this.disposers.push(
      this.connection.subscribe({ status: (status) => $online.set(status === 'connected' ? 'online' : 'offline') }),
    )
    const $mode = computed<'readonly' | 'readwrite'>('mode', () => {
      const binding = this.$binding.get()
      return options.readOnly || binding?.$readOnlyReason.get() || binding?.$loading.get() ? 'readonly' : 'readwrite'
    })
    this.loadInSteps = options.loadInSteps ?? false
    this.store = createTLStore({
      shapeUtils: storeShapeUtils,
      ...(options.assets ? { assets: options.assets } : {}),
      collaboration: { status: $online, mode: $mode },
    })
  }

  /**
   * Binds the store to the board's doc once it can be shown (see `BoardConnection.ready`); resolves with the
   * binding, or null if the session was destroyed meanwhile.
   */
  async load(): Promise<StoreBinding | null> {
    await this.connection.ready()
    if (this.destroyed) return null
    const existing = this.$binding.get()
    if (existing) return existing
    const binding = bindStoreToYDoc(this.store, this.connection.doc, {
      log: consoleLog,
      owns: isSharedRecord,
      writeEveryMs: WRITE_EVERY_MS,
      ...(this.loadInSteps
        ? {
            loadInSteps: {
              // A board opens at the page's origin, at 100 %: what that shows comes first.
              steps: (records) =>
                records.size <= OPEN_AT_ONCE
                  ? [[...records.keys()]]
                  : loadStepsNearestFirst(records, { x: 0, y: 0, w: innerWidth, h: innerHeight }, SHAPES_PER_STEP),
              schedule: afterNextPaint,
            },
          }
        : {}),
    })
    // What is still waiting to be written goes out before the tab closes (the cache and the socket are still
    // there during pagehide).
    const flush = () => binding.flush()
    addEventListener('pagehide', flush)
    this.disposers.push(
      registerCodraftDoc(this.store.id, this.connection.doc),
      () => removeEventListener('pagehide', flush),
      () => binding.dispose(),
    )
    this.$binding.set(binding)
    return binding
  }

  destroy(): void {
    this.destroyed = true
    for (const dispose of this.disposers.splice(0)) dispose()
    this.connection.destroy()
  }
}
