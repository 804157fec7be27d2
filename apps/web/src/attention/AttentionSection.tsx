import { useState, type FormEvent } from 'react'
import { useEditor, type TLShapeId } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { framesInReadingOrder } from '../board/frameOrder.ts'
import { shapeLabel } from '../board/shapes/shapeLabel.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { updateWorkshop } from '../board/workshop/writeWorkshop.ts'
import { zoomToBoundsClear } from '../board/clearViewport.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** Follow me, bring everyone here, frames as slides, and a message to every room. */
export function AttentionSection() {
  const { t, language } = useI18n()
  const editor = useEditor()
  const { workshopDoc: doc, me, board, serverNow } = useWorkshop()
  const follow = useWorkshopField('follow')
  const slides = useWorkshopField('slides')
  const [message, setMessage] = useState('')
  const leading = follow?.leaderId === me.id
  const presenting = slides && slides.boardId === board.id ? slides : null

  function showSlide(index: number) {
    if (!presenting) return
    updateWorkshop(doc, 'slides', () => ({ ...presenting, index }))
    const frameId = presenting.frameIds[index] as TLShapeId | undefined
    const bounds = frameId && editor.getShapePageBounds(frameId)
    if (bounds) zoomToBoundsClear(editor, bounds)
  }

  function send(event: FormEvent) {
    event.preventDefault()
    if (!message.trim()) return
    updateWorkshop(doc, 'broadcast', (current) => ({
      seq: (current?.seq ?? 0) + 1,
      text: message.trim(),
      at: serverNow(),
    }))
    setMessage('')
  }

  return (
    <PanelSection title={t('attention')} tool="attention">
      <div className="cg-button-row">
        <button
          type="button"
          aria-pressed={leading}
          onClick={() =>
            updateWorkshop(doc, 'follow', () =>
              leading ? null : { leaderId: me.id, leaderName: me.name, since: serverNow() },
            )
          }
        >
          {leading ? t('stopFollowMe') : t('followMe')}
        </button>
        <button
          type="button"
          onClick={() => {
            const bounds = editor.getViewportPageBounds()
            updateWorkshop(doc, 'summon', (current) => ({
              seq: (current?.seq ?? 0) + 1,
              pageId: editor.getCurrentPageId(),
              bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h },
            }))
          }}
        >
          {t('bringEveryone')}
        </button>
      </div>
      {presenting ? (
        <div className="cg-slides-controls" role="group" aria-label={t('presentingFrames')}>
          <button type="button" disabled={presenting.index === 0} onClick={() => showSlide(presenting.index - 1)}>
            {t('previousFrame')}
          </button>
          <span role="status">
            {t('slideOf')
              .replace('{n}', String(presenting.index + 1))
              .replace('{total}', String(presenting.frameIds.length))}
            {' · '}
            <bdi>{shapeLabel(editor, presenting.frameIds[presenting.index] as TLShapeId, '', language.code)}</bdi>
          </span>
          <button
            type="button"
            disabled={presenting.index >= presenting.frameIds.length - 1}
            onClick={() => showSlide(presenting.index + 1)}
          >
            {t('nextFrame')}
          </button>
          <button type="button" onClick={() => updateWorkshop(doc, 'slides', () => null)}>
            {t('stopPresenting')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            const frameIds = framesInReadingOrder(editor, language.dir === 'rtl')
            if (frameIds.length === 0) return window.alert(t('noFramesToPresent'))
            updateWorkshop(doc, 'slides', () => ({ boardId: board.id, frameIds, index: 0 }))
            const bounds = editor.getShapePageBounds(frameIds[0]!)
            if (bounds) zoomToBoundsClear(editor, bounds)
          }}
        >
          {t('presentFrames')}
        </button>
      )}
      <form className="cg-broadcast-form" onSubmit={send}>
        <label>
          {t('messageToEveryone')}
          <input value={message} maxLength={500} onChange={(event) => setMessage(event.target.value)} />
        </label>
        <button type="submit" disabled={!message.trim()}>
          {t('send')}
        </button>
      </form>
    </PanelSection>
  )
}
