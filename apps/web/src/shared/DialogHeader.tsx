import { TldrawUiDialogCloseButton, TldrawUiDialogHeader, TldrawUiDialogTitle } from 'tldraw'

/** The head of each of our dialogs: tldraw's, with its title and close button, so they all look alike. */
export function DialogHeader({ title }: { title: string }) {
  return (
    <TldrawUiDialogHeader>
      <TldrawUiDialogTitle>{title}</TldrawUiDialogTitle>
      <TldrawUiDialogCloseButton />
    </TldrawUiDialogHeader>
  )
}
