import { useEffect, useState } from 'react'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { fetchClientConfig } from '../shared/api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PanelSection } from '../shared/PanelSection.tsx'
import { useAddDialog } from '../shared/useAddDialog.tsx'
import { DeleteWorkshopDialog } from './DeleteWorkshopDialog.tsx'
import './deletion.css'

/**
 * The facilitator panel's last section: deleting the whole workshop, from its plenary board only (a breakout goes
 * with its plenary). The dialog comes with the panel's chunk: participants never download it.
 */
export function DeletionSection() {
  const { t } = useI18n()
  const { board, token } = useWorkshop()
  const addDialog = useAddDialog()
  // How long the trash keeps it is the server's setting: asked for once the panel is open, for the dialog to say.
  const [trashDays, setTrashDays] = useState<number | null>(null)
  useEffect(() => {
    let current = true
    void fetchClientConfig().then((config) => {
      if (current && config.ok) setTrashDays(config.value.deletedBoardDays ?? null)
    })
    return () => {
      current = false
    }
  }, [])
  if (board.parentId) return null
  return (
    <PanelSection title={t('deleteWorkshop')} className="cg-deletion">
      <p className="cg-muted">{t('deleteWorkshopHelp')}</p>
      <button
        type="button"
        className="cg-danger"
        aria-haspopup="dialog"
        onClick={() =>
          addDialog(({ onClose }) => (
            <DeleteWorkshopDialog board={board} token={token} trashDays={trashDays} onClose={onClose} />
          ))
        }
      >
        {t('deleteWorkshopOpen')}
      </button>
    </PanelSection>
  )
}
