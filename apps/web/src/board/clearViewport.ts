import type { BoxModel, Editor } from 'tldraw'

/**
 * What covers the canvas: tldraw's menus, top panel, share zone, style panel, toolbar and navigation, and our
 * panels on the canvas. A view we choose for people (a vote's items, the facilitator's view, a slide) is fitted
 * into what they leave free, so nothing covers a heading or an item's control.
 */
const OBSTACLES = [
  '.tlui-menu-zone',
  '.tlui-share-zone',
  '.cg-topbar',
  '.tlui-style-panel__wrapper',
  '.tlui-main-toolbar',
  '.tlui-navigation-panel',
  '.tlui-helper-buttons',
  '.cg-panel',
  '.cg-codraft-mark',
].join(',')

/** Room kept between what is shown and the edge of the free area, in screen pixels. */
const MARGIN = 24

interface ScreenBox {
  left: number
  top: number
  right: number
  bottom: number
}

const areaOf = (box: ScreenBox) => Math.max(0, box.right - box.left) * Math.max(0, box.bottom - box.top)

/**
 * The largest part of the canvas (in its own screen coordinates) no panel covers: each panel that overlaps it
 * cuts one side, the side that keeps the most room (the top bar cuts the top, the style panel the end side).
 */
export function freeScreenArea(container: HTMLElement): ScreenBox {
  const frame = container.getBoundingClientRect()
  let free: ScreenBox = { left: 0, top: 0, right: frame.width, bottom: frame.height }
  for (const element of container.querySelectorAll<HTMLElement>(OBSTACLES)) {
    const rect = element.getBoundingClientRect()
    if (rect.width === 0 || rect.height === 0) continue
    const box = {
      left: rect.left - frame.left,
      top: rect.top - frame.top,
      right: rect.right - frame.left,
      bottom: rect.bottom - frame.top,
    }
    const overlaps = box.left < free.right && box.right > free.left && box.top < free.bottom && box.bottom > free.top
    if (!overlaps) continue
    const cuts: ScreenBox[] = [
      { ...free, top: Math.max(free.top, box.bottom) },
      { ...free, bottom: Math.min(free.bottom, box.top) },
      { ...free, left: Math.max(free.left, box.right) },
      { ...free, right: Math.min(free.right, box.left) },
    ]
    free = cuts.reduce((best, cut) => (areaOf(cut) > areaOf(best) ? cut : best))
  }
  return free
}

/** Moves the camera so `bounds` (page coordinates) fill the free part of the canvas, as zoomToBounds would. */
export function zoomToBoundsClear(editor: Editor, bounds: BoxModel, { animate = true } = {}): void {
  const free = freeScreenArea(editor.getContainer())
  const width = free.right - free.left - 2 * MARGIN
  const height = free.bottom - free.top - 2 * MARGIN
  if (width <= 0 || height <= 0 || bounds.w <= 0 || bounds.h <= 0) {
    editor.zoomToBounds(bounds, { inset: MARGIN, ...(animate ? { animation: { duration: 400 } } : {}) })
    return
  }
  const { zoomSteps } = editor.getCameraOptions()
  const zoom = Math.min(Math.max(Math.min(width / bounds.w, height / bounds.h), zoomSteps[0]!), zoomSteps.at(-1)!)
  const centre = { x: (free.left + free.right) / 2, y: (free.top + free.bottom) / 2 }
  // Screen = (page + camera) × zoom, so the camera puts the bounds' centre at the free area's centre.
  const camera = {
    x: centre.x / zoom - (bounds.x + bounds.w / 2),
    y: centre.y / zoom - (bounds.y + bounds.h / 2),
    z: zoom,
  }
  editor.setCamera(camera, animate ? { animation: { duration: 400 } } : {})
}
