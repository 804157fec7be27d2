import { BaseBoxShapeUtil, createTLStore, defaultShapeUtils, type TLShape } from 'tldraw'
import { CODRAFT_SHAPE_TYPE, codraftShapeMigrations, codraftShapeProps } from '@cg/codraft'

/**
 * The schema side of the co-draft block, for validating records in Node: the real shape util (apps/web)
 * renders React, which these tests do not need.
 */
class CodraftSchemaOnlyUtil extends BaseBoxShapeUtil<TLShape<'codraft'>> {
  static override type = CODRAFT_SHAPE_TYPE
  static override props = codraftShapeProps
  static override migrations = codraftShapeMigrations
  getDefaultProps() {
    return { w: 400, h: 240, label: '', color: 'violet' as const }
  }
  component() {
    return null
  }
  getIndicatorPath() {
    return new Path2D()
  }
}

/** A real tldraw store whose schema knows every shape a template can produce. */
export function storeWithTemplateShapes() {
  return createTLStore({ shapeUtils: [...defaultShapeUtils, CodraftSchemaOnlyUtil] })
}
