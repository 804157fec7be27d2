import {
  Geometry2d,
  Geometry2dFilters,
  getDisplayValues,
  Group2d,
  NoteShapeUtil,
  Rectangle2d,
  unsafe__withoutCapture,
  type MatModel,
  type TLNoteShape,
  type TransformedGeometry2dOptions,
  type Vec,
  type VecLike,
} from 'tldraw'

/**
 * A geometry worked out only when something asks about it. tldraw measures a note's label (rendering its rich
 * text to HTML and laying it out in the page) to build the note's geometry, and opening a board builds every
 * shape's geometry for its spatial index: 4,000 notes took 3.3 s of measuring before the first one was drawn.
 * A note's bounds never depend on its label (the label sits inside the note and is left out of its bounds), so
 * the label stands here until a hit test, a text edit or a snap needs it, and then answers exactly as tldraw's.
 */
class DeferredGeometry2d extends Geometry2d {
  private made: Geometry2d | undefined
  private readonly make: () => Geometry2d

  constructor(make: () => Geometry2d, flags: { isLabel: boolean; excludeFromShapeBounds: boolean }) {
    super({ ...flags, isFilled: true, isClosed: true })
    this.make = make
  }

  private get real(): Geometry2d {
    // Measured once, outside whatever reactive computation asked first (its dependencies are not the asker's).
    return (this.made ??= unsafe__withoutCapture(this.make))
  }

  getVertices(filters: Geometry2dFilters): Vec[] {
    return this.real.getVertices(filters)
  }
  nearestPoint(point: VecLike, filters?: Geometry2dFilters): Vec {
    return this.real.nearestPoint(point, filters)
  }
  getSvgPathData(first: boolean): string {
    return this.real.getSvgPathData(first)
  }
  override hitTestPoint(point: VecLike, margin?: number, hitInside?: boolean, filters?: Geometry2dFilters) {
    return this.real.hitTestPoint(point, margin, hitInside, filters)
  }
  override distanceToPoint(point: VecLike, hitInside?: boolean, filters?: Geometry2dFilters) {
    return this.real.distanceToPoint(point, hitInside, filters)
  }
  override distanceToLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters) {
    return this.real.distanceToLineSegment(A, B, filters)
  }
  override hitTestLineSegment(A: VecLike, B: VecLike, distance?: number, filters?: Geometry2dFilters) {
    return this.real.hitTestLineSegment(A, B, distance, filters)
  }
  override intersectLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters) {
    return this.real.intersectLineSegment(A, B, filters)
  }
  override intersectCircle(center: VecLike, radius: number, filters?: Geometry2dFilters) {
    return this.real.intersectCircle(center, radius, filters)
  }
  override intersectPolygon(polygon: VecLike[], filters?: Geometry2dFilters) {
    return this.real.intersectPolygon(polygon, filters)
  }
  override intersectPolyline(polyline: VecLike[], filters?: Geometry2dFilters) {
    return this.real.intersectPolyline(polyline, filters)
  }
  override interpolateAlongEdge(t: number, filters?: Geometry2dFilters) {
    return this.real.interpolateAlongEdge(t, filters)
  }
  override uninterpolateAlongEdge(point: VecLike, filters?: Geometry2dFilters) {
    return this.real.uninterpolateAlongEdge(point, filters)
  }
  override isPointInBounds(point: VecLike, margin?: number) {
    return this.real.isPointInBounds(point, margin)
  }
  override overlapsPolygon(polygon: VecLike[]) {
    return this.real.overlapsPolygon(polygon)
  }
  override transform(transform: MatModel, opts?: TransformedGeometry2dOptions) {
    return this.real.transform(transform, opts)
  }
  override getBoundsVertices(): Vec[] {
    return this.excludeFromShapeBounds ? [] : this.real.getBoundsVertices()
  }
  override getBounds() {
    return this.real.getBounds()
  }
  override getArea() {
    return this.real.getArea()
  }
  override toSimpleSvgPath() {
    return this.real.toSimpleSvgPath()
  }
  override getLength(filters?: Geometry2dFilters) {
    return this.real.getLength(filters)
  }
  override ignoreHit(point: VecLike) {
    return this.real.ignoreHit(point)
  }
}

/** tldraw's note, whose label is measured when first needed rather than when the board opens. */
export class BoardNoteShapeUtil extends NoteShapeUtil {
  override getGeometry(shape: TLNoteShape): Group2d {
    const { noteWidth, noteHeight } = getDisplayValues(this, shape)
    const { scale, growY } = shape.props
    const label = () => {
      const measured = super.getGeometry(shape)
      const children = measured instanceof Group2d ? [...measured.children, ...measured.ignoredChildren] : []
      const found = children.find((child) => child.isLabel)
      if (!found) throw new Error('tldraw’s note geometry has no label')
      return found
    }
    return new Group2d({
      children: [
        new Rectangle2d({ width: noteWidth * scale, height: (noteHeight + growY) * scale, isFilled: true }),
        new DeferredGeometry2d(label, { isLabel: true, excludeFromShapeBounds: true }),
      ],
    })
  }
}
