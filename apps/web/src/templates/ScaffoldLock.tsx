import { useEffect } from 'react'
import { useEditor, type TLShape } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { updateWorkshop } from '../board/workshop/writeWorkshop.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

let scaffoldEditing = 0

/** Runs a sanctioned change of template scaffold (adding a logframe row) past the participants' lock. */
export function withScaffoldEditing<T>(work: () => T): T {
  scaffoldEditing++
  try {
    return work()
  } finally {
    scaffoldEditing--
  }
}

const isTemplateFrame = (shape: TLShape) => shape.type === 'frame' && shape.meta.template !== undefined

/**
 * While the facilitator keeps the scaffold locked (the setting lives in the workshop room, which only
 * facilitators can write), a participant's editor refuses to unlock, move or delete template scaffold or
 * template frames. Enforced in the participant's browser: the board room itself takes any valid edit.
 */
export function ScaffoldLockEffects() {
  const editor = useEditor()
  const { role } = useWorkshop()
  const locked = useWorkshopField('scaffoldLocked')
  const active = locked && role === 'editor'
  useEffect(() => {
    if (!active) return
    // A template frame is not locked (notes go into it), but it holds the scaffold: it stays where and as it is.
    const stopChanges = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
      source === 'user' && (prev.isLocked || isTemplateFrame(prev)) && scaffoldEditing === 0 ? prev : next,
    )
    const stopDeletes = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || scaffoldEditing > 0) return
      if (shape.isLocked || isTemplateFrame(shape)) return false
    })
    return () => {
      stopChanges()
      stopDeletes()
    }
  }, [editor, active])
  return null
}

/** The facilitator's switch for the lock above. */
export function ScaffoldLockSection() {
  const { t } = useI18n()
  const { workshopDoc } = useWorkshop()
  const locked = useWorkshopField('scaffoldLocked')
  return (
    <PanelSection title={t('templates')}>
      <label className="cg-check">
        <input
          type="checkbox"
          checked={locked}
          onChange={(event) => updateWorkshop(workshopDoc, 'scaffoldLocked', () => event.target.checked)}
        />
        {t('scaffoldLockedForParticipants')}
      </label>
    </PanelSection>
  )
}
