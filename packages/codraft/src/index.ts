export { CODRAFT_SHAPE_TYPE, codraftShapeMigrations, codraftShapeProps } from './codraftShape.ts'
export type { CodraftShapeProps } from './codraftShape.ts'
export { applyTextEdit, CODRAFT_TEXT_PREFIX, diffText, getCodraftText, transformIndex } from './codraftText.ts'
export type { Delta, TextEdit } from './codraftText.ts'
