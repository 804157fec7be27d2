import { useEffect, useRef } from 'react'
import { atom, useEditor, useValue, type TLPageId, type TLShapeId, type TLUserId } from 'tldraw'
import { zoomToBoundsClear } from '../board/clearViewport.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/** Whether this person stepped out of "follow me" (per tab; a new follow request resets it). */
export const $steppedOut = atom('stepped out of follow', false)

/**
 * Carries out the facilitator's attention requests on this screen: follow their view (until the person
 * pans away, which tldraw treats as stepping out), jump once to where they are, show the current slide.
 */
export function AttentionEffects() {
  const editor = useEditor()
  const { me, role, board } = useWorkshop()
  const follow = useWorkshopField('follow')
  const summon = useWorkshopField('summon')
  const slides = useWorkshopField('slides')
  const steppedOut = useValue($steppedOut)
  const followingUserId = useValue('following', () => editor.getInstanceState().followingUserId, [editor])
  const leaderId = follow && follow.leaderId !== me.id ? follow.leaderId : null
  const leaderPresent = useValue(
    'leader present',
    () => leaderId !== null && editor.getCollaborators().some((presence) => presence.userId === leaderId),
    [editor, leaderId],
  )

  // A new "follow me" (a different `since`) asks again, even of someone who stepped out of the last one.
  const startedFor = useRef<number | null>(null)
  useEffect(() => {
    $steppedOut.set(false)
  }, [follow?.since])
  useEffect(() => {
    if (!leaderId || !follow) {
      if (startedFor.current !== null && editor.getInstanceState().followingUserId) editor.stopFollowingUser()
      startedFor.current = null
      return
    }
    if (followingUserId === leaderId) return
    if (startedFor.current === follow.since) {
      // We were following and no longer are. With the leader still here, the person moved their own view;
      // if the leader dropped out (a reconnect), tldraw stopped on its own: follow again when they are back.
      if (leaderPresent) {
        if (!steppedOut) $steppedOut.set(true)
        return
      }
      startedFor.current = null
      return
    }
    if (steppedOut || !leaderPresent) return
    startedFor.current = follow.since
    editor.startFollowingUser(leaderId as TLUserId)
  }, [editor, follow, leaderId, leaderPresent, followingUserId, steppedOut])

  // "Bring everyone here": one jump per request, never replayed for a request older than this page.
  const seenSummon = useRef(summon?.seq ?? 0)
  useEffect(() => {
    if (!summon || summon.seq <= seenSummon.current) return
    seenSummon.current = summon.seq
    if (role === 'facilitator') return
    if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
    const pageId = summon.pageId as TLPageId
    if (editor.getPage(pageId) && editor.getCurrentPageId() !== pageId) editor.setCurrentPage(pageId)
    const { x, y, w, h } = summon.bounds
    zoomToBoundsClear(editor, { x, y, w, h })
  }, [editor, summon, role])

  // Slides: everyone sees the current frame (a late joiner too), unless they stepped out.
  const frameId = slides && slides.boardId === board.id ? slides.frameIds[slides.index] : undefined
  useEffect(() => {
    if (!frameId || role === 'facilitator' || steppedOut) return
    const bounds = editor.getShapePageBounds(frameId as TLShapeId)
    if (!bounds) return
    const pageId = editor.getAncestorPageId(frameId as TLShapeId)
    if (pageId && editor.getCurrentPageId() !== pageId) editor.setCurrentPage(pageId)
    zoomToBoundsClear(editor, bounds)
  }, [editor, frameId, role, steppedOut])

  return null
}

/** Stops following now (the person chose to look around on their own). */
export function stepOut(editor: ReturnType<typeof useEditor>): void {
  $steppedOut.set(true)
  editor.stopFollowingUser()
}
