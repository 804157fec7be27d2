import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { canMarkForCodrafting, markForCodrafting } from './markForCodrafting.ts'

/** While one text, note or labelled shape is selected: turn it into a block everyone can write in at once. */
export function CodraftMarkPanel() {
  const editor = useEditor()
  const context = useCodraftContext()
  const { t, language } = useI18n()
  const shape = useValue(
    'markable shape',
    () => {
      const selected = editor.getOnlySelectedShape() ?? undefined
      return canMarkForCodrafting(editor, selected) && !editor.getIsReadonly() ? selected : null
    },
    [editor],
  )
  if (!shape || !context) return null
  return (
    <div className="cg-codraft-mark" dir={language.dir}>
      <button type="button" onClick={() => markForCodrafting(editor, context.doc, shape, t('codraftDefaultLabel'))}>
        {t('markForCodrafting')}
      </button>
    </div>
  )
}
