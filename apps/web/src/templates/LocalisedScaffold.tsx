import type { ReactElement } from 'react'
import {
  FrameShapeUtil,
  GeoShapeUtil,
  TextShapeUtil,
  toRichText,
  useValue,
  type TLFrameShape,
  type TLGeoShape,
  type TLTextShape,
} from 'tldraw'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { scaffoldShownText } from './scaffoldShown.ts'

/**
 * Template scaffold shown in each reader's language: the board stores what the facilitator laid out (in their
 * language), and each browser draws an untouched heading, label or frame name in its reader's own. Nothing is
 * written: a French and an Arabic participant read the same board, each in theirs, with the layout as inserted.
 */
function Localised<S extends TLGeoShape | TLTextShape | TLFrameShape>({
  shape,
  render,
}: {
  shape: S
  render: (shape: S) => ReactElement
}) {
  const { language } = useI18n()
  // Read through the atom so the shape redraws once the catalog arrives.
  const shown = useValue('scaffold text', () => scaffoldShownText(shape, language.code), [shape, language.code])
  if (shown === undefined) return render(shape)
  const props =
    shape.type === 'frame' ? { ...shape.props, name: shown } : { ...shape.props, richText: toRichText(shown) }
  return render({ ...shape, props } as S)
}

const isScaffold = (shape: { meta: Record<string, unknown> }) => typeof shape.meta.template === 'string'

export class LocalisedGeoShapeUtil extends GeoShapeUtil {
  override component(shape: TLGeoShape) {
    if (!isScaffold(shape)) return super.component(shape)
    return <Localised shape={shape} render={(shown) => super.component(shown)} />
  }
}

export class LocalisedTextShapeUtil extends TextShapeUtil {
  override component(shape: TLTextShape) {
    if (!isScaffold(shape)) return super.component(shape)
    return <Localised shape={shape} render={(shown) => super.component(shown)} />
  }
}

export class LocalisedFrameShapeUtil extends FrameShapeUtil {
  override component(shape: TLFrameShape) {
    if (!isScaffold(shape)) return super.component(shape)
    return <Localised shape={shape} render={(shown) => super.component(shown)} />
  }
}
