import { codraftShapeMigrations, codraftShapeProps } from '@cg/codraft'
import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLStoreSchema } from '@tldraw/tlschema'

/**
 * The board schema this server runs: tldraw's shapes and bindings and ours, exactly as the web app registers
 * them. Records are validated against it, and a stored schema newer than it is refused.
 */
export const boardSchema: TLStoreSchema = createTLSchema({
  shapes: { ...defaultShapeSchemas, codraft: { props: codraftShapeProps, migrations: codraftShapeMigrations } },
  bindings: defaultBindingSchemas,
})
