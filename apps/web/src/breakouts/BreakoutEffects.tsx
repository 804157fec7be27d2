import { useEffect, useRef, useSyncExternalStore } from 'react'
import { createShapeId, useEditor, type TLPageId } from 'tldraw'
import { boardLink } from '../shared/boardLink.ts'
import { zoomToBoundsClear } from '../board/clearViewport.ts'
import { insertTemplate } from '../board/insertTemplate.ts'
import { useTemplateCatalog } from '../board/shapes/useTemplateCatalog.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/**
 * Moves people between the plenary and their breakout board as the facilitator starts and ends breakouts,
 * and lays the group's template out on a fresh breakout board.
 */
export function BreakoutEffects() {
  const editor = useEditor()
  const { board, me, token, role, workshopSync } = useWorkshop()
  // Moves act on the server's word only: a cached copy from an earlier visit may say a round that has since
  // ended is still running.
  const synced = useSyncExternalStore(workshopSync.subscribe, workshopSync.synced)
  const cachedOrLive = useWorkshopField('breakouts')
  const breakouts = synced ? cachedOrLive : null
  const catalog = useTemplateCatalog()

  // Into a group: once per breakout round, so someone who walks back to the plenary is not pulled out again.
  useEffect(() => {
    if (board.parentId || breakouts?.status !== 'running') return
    const group = breakouts.groups.find((candidate) => candidate.memberIds.includes(me.id))
    if (!group) return
    const movedKey = `cg.movedToBreakout.${breakouts.startedAt}`
    if (sessionStorage.getItem(movedKey)) return
    sessionStorage.setItem(movedKey, group.boardId)
    location.assign(boardLink(group.boardId, token))
  }, [board.parentId, breakouts, me.id, token])

  // Back in the plenary after a round: shown the groups' work, where the facilitator brought it, once.
  useEffect(() => {
    if (board.parentId || breakouts?.status !== 'ended' || !breakouts.returnView) return
    if (!sessionStorage.getItem(`cg.wasInGroup.${breakouts.startedAt}`)) return
    const shownKey = `cg.shownGroupWork.${breakouts.startedAt}`
    if (sessionStorage.getItem(shownKey)) return
    sessionStorage.setItem(shownKey, '1')
    const { pageId, bounds } = breakouts.returnView
    if (editor.getPage(pageId as TLPageId)) editor.setCurrentPage(pageId as TLPageId)
    zoomToBoundsClear(editor, bounds)
  }, [editor, board.parentId, breakouts])

  // Back to the plenary when the facilitator ends this round.
  useEffect(() => {
    if (!board.parentId || !breakouts) return
    // Remembered in this tab, however they got here (sent, or joined by choice), to show them the work after.
    if (breakouts.status === 'running') sessionStorage.setItem(`cg.wasInGroup.${breakouts.startedAt}`, '1')
    const stillRunning = breakouts.status === 'running' && breakouts.groups.some((group) => group.boardId === board.id)
    if (!stillRunning) location.assign(boardLink(board.parentId, token))
  }, [board.id, board.parentId, breakouts, token])

  // The group's template, laid out once on an empty breakout board. Ids are derived from the board, so two
  // members arriving together write the same records and converge on one copy.
  const seeded = useRef(false)
  const group = board.parentId ? breakouts?.groups.find((candidate) => candidate.boardId === board.id) : undefined
  useEffect(() => {
    if (seeded.current || role === 'viewer' || !group?.templateId || catalog.kind !== 'ready') return
    if (editor.getCurrentPageShapeIds().size > 0) return
    const template = catalog.catalog.templates.find((candidate) => candidate.definition.id === group.templateId)
    if (!template) return
    seeded.current = true
    let counter = 0
    insertTemplate(
      editor,
      template,
      group.templateLanguage ?? 'en',
      catalog.catalog.sectors,
      [template.definition.perSector ? group.sector : undefined],
      { newShapeId: () => createShapeId(`${board.id}-${group.templateId}-${counter++}`), select: false },
    )
  }, [editor, group, catalog, board.id, role])

  return null
}
