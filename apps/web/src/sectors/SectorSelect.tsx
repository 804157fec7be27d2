import type { Sector } from '@cg/templates'
import { useI18n } from '../i18n/I18nProvider.tsx'

/** A choice of sector in the reader's language, starting on "Choose a sector…"; optionally "No sector". */
export function SectorSelect(props: {
  id: string
  sectors: Sector[]
  value: string
  onChange: (value: string) => void
  allowNone?: boolean
}) {
  const { t, language } = useI18n()
  return (
    <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
      <option value="" disabled>
        {t('chooseSector')}
      </option>
      {props.sectors.map((sector) => (
        <option key={sector.id} value={sector.id}>
          {sector.names[language.code]}
        </option>
      ))}
      {props.allowNone && <option value="none">{t('noSector')}</option>}
    </select>
  )
}
