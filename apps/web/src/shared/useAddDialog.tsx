import { useCallback, useEffect, type ComponentType } from 'react'
import { useDialogs, type TLUiDialogProps } from 'tldraw'
import { focusOpener, returnFocusTo } from './returnFocus.ts'

/** Gives the focus back to `opener` when it unmounts: with the dialog it sits in. */
function FocusReturner({ opener }: { opener: HTMLElement | null }) {
  useEffect(() => () => returnFocusTo(opener), [opener])
  return null
}

/**
 * tldraw's `addDialog`, for our dialogs: when the dialog closes, however it closes (Escape, its Close button, its
 * own action), the keyboard focus goes back to the control that opened it (see returnFocus.ts).
 */
export function useAddDialog(): (component: ComponentType<TLUiDialogProps>) => void {
  const { addDialog } = useDialogs()
  return useCallback(
    (Dialog: ComponentType<TLUiDialogProps>) => {
      const opener = focusOpener()
      addDialog({
        component: (props: TLUiDialogProps) => (
          <>
            <Dialog {...props} />
            <FocusReturner opener={opener} />
          </>
        ),
      })
    },
    [addDialog],
  )
}
