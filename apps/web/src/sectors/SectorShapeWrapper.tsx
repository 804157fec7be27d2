import { forwardRef } from 'react'
import { DefaultShapeWrapper, useValue, type TLShapeWrapperProps } from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { $sectorLens, sectorOf } from './sectorLens.ts'

/**
 * Marks each shape with its sector (fading it while a lens on another sector is on), and private drafts and
 * revealed authors for the workshop features. CSS does the fading:
 * nothing is written to the board.
 */
export const SectorShapeWrapper = forwardRef<HTMLDivElement, TLShapeWrapperProps>(
  function SectorShapeWrapper(props, ref) {
    const { t } = useI18n()
    const sector = sectorOf(props.shape.meta)
    const lens = useValue('sector lens', () => $sectorLens.get(), [])
    // Frames and template scaffold keep full strength so the structure stays readable.
    const structure = props.shape.type === 'frame' || props.shape.meta.template !== undefined
    const faded = lens !== null && sector !== lens && !structure
    // Private drafts (private mode) are marked for their author; revealed notes may carry their author's name.
    const isPrivate = props.shape.meta.private === true
    const author = typeof props.shape.meta.revealedAuthor === 'string' ? props.shape.meta.revealedAuthor : undefined
    return (
      <DefaultShapeWrapper
        ref={ref}
        {...props}
        data-sector={sector}
        data-lens-faded={faded || undefined}
        data-private={isPrivate || undefined}
        data-private-label={isPrivate ? t('onlyYouSeeThis') : undefined}
        data-author={author}
      />
    )
  },
)
