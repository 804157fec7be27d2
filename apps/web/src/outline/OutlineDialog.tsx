import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'

/**
 * A modal dialog of the outline: the browser's own `<dialog>` opened with showModal(), so the rest of the page is
 * inert (focus cannot leave it) and Escape closes it; focus goes to its first field and, on closing, back where the
 * page says (`onClosed`). A form: Enter in a field or the main button submits.
 */
export function OutlineDialog(props: {
  title: string
  submitLabel: string
  /** A destructive action's button is styled as such. */
  danger?: boolean
  submitDisabled?: boolean
  onSubmit: () => void
  onCancel: () => void
  children: ReactNode
}) {
  const { t } = useI18n()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const { onCancel } = props

  useEffect(() => {
    const dialog = ref.current
    if (!dialog || dialog.open) return
    dialog.showModal()
    dialog.querySelector<HTMLElement>('textarea, select, input, button[type="submit"]')?.focus()
  }, [])

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    // Escape (the browser's cancel) closes it as Cancel does.
    const cancel = (event: Event) => {
      event.preventDefault()
      onCancel()
    }
    dialog.addEventListener('cancel', cancel)
    return () => dialog.removeEventListener('cancel', cancel)
  }, [onCancel])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!props.submitDisabled) props.onSubmit()
  }

  return (
    <dialog ref={ref} className="cg-outline-dialog" aria-labelledby={titleId}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <div className="cg-outline-dialog-buttons">
          <button type="submit" className={props.danger ? 'cg-danger' : undefined} disabled={props.submitDisabled}>
            {props.submitLabel}
          </button>
          <button type="button" onClick={onCancel}>
            {t('outlineCancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
