import { createShapePropsMigrationSequence, DefaultColorStyle, type TLDefaultColorStyle } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'

/**
 * A co-drafted text block: a box with a heading whose body text lives in a Yjs text type (see
 * `getCodraftText`), so several people can type in it at once. The record holds only its size, heading and
 * colour; the text itself is never a record property, so it is never overwritten whole.
 */
export const CODRAFT_SHAPE_TYPE = 'codraft'

export interface CodraftShapeProps {
  w: number
  h: number
  label: string
  color: TLDefaultColorStyle
}

export const codraftShapeProps = {
  w: T.positiveNumber,
  h: T.positiveNumber,
  label: T.string,
  color: DefaultColorStyle,
}

/**
 * The shape's prop migrations (`com.tldraw.shape.codraft/<n>`). None yet: the props are as first shipped. A
 * change to the props adds a step here, so boards stored with the old props are migrated on load (and a tab
 * still running the old code sees a newer schema and turns read-only instead of writing old records back).
 */
export const codraftShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    codraft: CodraftShapeProps
  }
}
