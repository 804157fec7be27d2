import type { ReactElement } from 'react'
import {
  FrameShapeUtil,
  GeoShapeUtil,
  TextShapeUtil,
  toRichText,
  useValue,
  type SvgExportContext,
  type TLFrameShape,
  type TLGeoShape,
  type TLTextShape,
} from 'tldraw'
import { $readerLanguage } from '../../i18n/readerLanguage.ts'
import { scaffoldShownText } from './scaffoldShown.ts'

/**
 * Template scaffold shown in each reader's language: the board stores what the facilitator laid out (in their
 * language), and each browser draws an untouched heading, label or frame name in its reader's own, on screen and
 * in exports (a PDF prints in the requester's). Nothing is written: a French and an Arabic participant read the
 * same board, each in theirs, with the layout as inserted.
 */
type Scaffold = TLGeoShape | TLTextShape | TLFrameShape

/** The shape as this page's reader is shown it (reads the catalog and the reader's language: reactive). */
function localised<S extends Scaffold>(shape: S): S {
  if (typeof shape.meta.template !== 'string') return shape
  const shown = scaffoldShownText(shape, $readerLanguage.get())
  if (shown === undefined) return shape
  const props =
    shape.type === 'frame' ? { ...shape.props, name: shown } : { ...shape.props, richText: toRichText(shown) }
  return { ...shape, props } as S
}

function Localised<S extends Scaffold>({ shape, render }: { shape: S; render: (shape: S) => ReactElement }) {
  // Redrawn when the catalog arrives or the reader switches language.
  return render(useValue('localised scaffold', () => localised(shape), [shape]))
}

const isScaffold = (shape: Scaffold) => typeof shape.meta.template === 'string'

export class LocalisedGeoShapeUtil extends GeoShapeUtil {
  override component(shape: TLGeoShape) {
    if (!isScaffold(shape)) return super.component(shape)
    return <Localised shape={shape} render={(shown) => super.component(shown)} />
  }
  override toSvg(shape: TLGeoShape, ctx: SvgExportContext) {
    return super.toSvg(localised(shape), ctx)
  }
}

export class LocalisedTextShapeUtil extends TextShapeUtil {
  override component(shape: TLTextShape) {
    if (!isScaffold(shape)) return super.component(shape)
    return <Localised shape={shape} render={(shown) => super.component(shown)} />
  }
  override toSvg(shape: TLTextShape, ctx: SvgExportContext) {
    return super.toSvg(localised(shape), ctx)
  }
}

export class LocalisedFrameShapeUtil extends FrameShapeUtil {
  override component(shape: TLFrameShape) {
    if (!isScaffold(shape)) return super.component(shape)
    return <Localised shape={shape} render={(shown) => super.component(shown)} />
  }
  override toSvg(shape: TLFrameShape, ctx: SvgExportContext) {
    return super.toSvg(localised(shape), ctx)
  }
}
