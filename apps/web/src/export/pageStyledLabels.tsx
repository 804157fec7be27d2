import { cloneElement, isValidElement, useLayoutEffect, useRef, type ComponentProps, type ReactNode } from 'react'
import { RichTextSVG, type SvgExportContext, type TLGeoShape, type TLNoteShape, type TLTextShape } from 'tldraw'
import { BoardNoteShapeUtil } from '../board/shapes/BoardNoteShapeUtil.ts'
import { LocalisedGeoShapeUtil, LocalisedTextShapeUtil } from '../board/shapes/LocalisedScaffold.tsx'

/**
 * tldraw's label, styled by the print page's own stylesheet instead of by a copy of its computed style.
 *
 * To make a picture that stands alone, tldraw copies the computed style of every element of every label into the
 * picture (the foreignObjects it marks `tl-export-embed-styles`; those it does not mark are left as they are).
 * That read 8 of the 15 seconds a 1,000-note PDF took. A PDF's pictures are laid into the print page, which
 * has tldraw's stylesheet and fonts: there the copy is not needed, so the mark is taken off as soon as the label is
 * drawn (a layout effect: tldraw draws the picture with flushSync, then reads the marks).
 */
function PageStyledLabel(props: ComponentProps<typeof RichTextSVG>) {
  const ref = useRef<SVGGElement>(null)
  useLayoutEffect(() => {
    ref.current?.querySelector(':scope > foreignObject')?.classList.remove('tl-export-embed-styles')
  }, [])
  return (
    <g ref={ref}>
      <RichTextSVG {...props} />
    </g>
  )
}

function withPageStyledLabel(node: ReactNode): ReactNode {
  if (Array.isArray(node)) return node.map(withPageStyledLabel)
  if (!isValidElement(node)) return node
  if (node.type === RichTextSVG) {
    return <PageStyledLabel key={node.key} {...(node.props as ComponentProps<typeof RichTextSVG>)} />
  }
  const { children } = node.props as { children?: ReactNode }
  if (children === undefined) return node
  return cloneElement(node, undefined, withPageStyledLabel(children))
}

function pageStyled<T>(svg: T): T {
  if (svg instanceof Promise) return svg.then((resolved: ReactNode) => withPageStyledLabel(resolved)) as T
  return withPageStyledLabel(svg as ReactNode) as T
}

/** Notes, geo shapes and text as a PDF's pictures draw them (see PageStyledLabel). */
export class PdfNoteShapeUtil extends BoardNoteShapeUtil {
  override toSvg(shape: TLNoteShape, ctx: SvgExportContext) {
    return pageStyled(super.toSvg(shape, ctx))
  }
}
export class PdfGeoShapeUtil extends LocalisedGeoShapeUtil {
  override toSvg(shape: TLGeoShape, ctx: SvgExportContext) {
    return pageStyled(super.toSvg(shape, ctx))
  }
}
export class PdfTextShapeUtil extends LocalisedTextShapeUtil {
  override toSvg(shape: TLTextShape, ctx: SvgExportContext) {
    return pageStyled(super.toSvg(shape, ctx))
  }
}
