import { z } from 'zod'

/** The four languages every template string must exist in. */

/** tldraw's colour names: templates use these so every client renders them without custom themes. */
export const TemplateColor = z.enum([
  'black',
  'grey',
  'light-violet',
  'violet',
  'blue',
  'light-blue',
  'yellow',
  'orange',
  'green',
  'light-green',
  'light-red',
  'red',
  'white',
])
const Size = z.enum(['s', 'm', 'l', 'xl'])
const Align = z.enum(['start', 'middle', 'end'])
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')
/** A key into the template's strings file (never the text itself, so every language has it). */
const StringKey = z.string().regex(/^[a-z0-9][a-zA-Z0-9.-]*$/)
const Coord = z.number().finite().min(0)
const Length = z.number().finite().positive()

const Box = z.strictObject({
  kind: z.literal('box'),
  id: Id,
  x: Coord,
  y: Coord,
  w: Length,
  h: Length,
  label: StringKey.optional(),
  color: TemplateColor.default('black'),
  fill: z.enum(['none', 'semi', 'solid', 'pattern']).default('none'),
  size: Size.default('s'),
  align: Align.default('middle'),
  verticalAlign: Align.default('middle'),
  sector: Id.optional(),
  /** A target for sticker voting: a vote held on the frame counts this box as an item (it stays locked). */
  voteTarget: z.boolean().default(false),
})

const Text = z.strictObject({
  kind: z.literal('text'),
  id: Id,
  x: Coord,
  y: Coord,
  w: Length,
  text: StringKey,
  color: TemplateColor.default('black'),
  size: Size.default('m'),
  /** Scaffold is locked; a text meant to be adjusted by the group (an age range, a date) is not. */
  locked: z.boolean().default(true),
})

const GridColumn = z.strictObject({ id: Id, label: StringKey, w: Length })
const GridRow = z.strictObject({
  id: Id,
  label: StringKey,
  h: Length,
  sector: Id.optional(),
  /** Rows of a kind can be added later (see `rowKinds`); the kind says where new ones go. */
  kind: Id.optional(),
})

/** A kind of row people can add (an outcome, an output, an activity), keeping the grid aligned. */
const GridRowKind = z.strictObject({
  kind: Id,
  /** Button text, e.g. "Add an output". */
  action: StringKey,
  /** The new row's label; with `pickSector`, `{sector}` in it is replaced by the sector's name. */
  label: StringKey,
  h: Length,
  sector: Id.optional(),
  pickSector: z.boolean().default(false),
})

/** A table of locked cells: a header row, a header column, and empty body cells that know where they are. */
const Grid = z.strictObject({
  kind: z.literal('grid'),
  id: Id,
  x: Coord,
  y: Coord,
  headerHeight: Length,
  rowHeaderWidth: Length,
  corner: StringKey.optional(),
  headerColor: TemplateColor.default('light-blue'),
  headerVerticalAlign: Align.default('middle'),
  columns: z.array(GridColumn).min(1),
  rows: z.array(GridRow).min(1),
  rowKinds: z.array(GridRowKind).default([]),
})

/** A co-drafted text block: people type in it together (its text is a Yjs text, not a record property). */
const Codraft = z.strictObject({
  kind: z.literal('codraft'),
  id: Id,
  x: Coord,
  y: Coord,
  w: Length,
  h: Length,
  label: StringKey,
  color: TemplateColor.default('violet'),
})

export const TemplateElement = z.discriminatedUnion('kind', [Box, Text, Grid, Codraft])
export type TemplateElement = z.infer<typeof TemplateElement>
export type TemplateBox = z.infer<typeof Box>
export type TemplateGrid = z.infer<typeof Grid>
export type TemplateGridRowKind = z.infer<typeof GridRowKind>

export const TemplateDefinition = z.strictObject({
  id: Id,
  version: z.number().int().positive(),
  /** Width and height of the template's frame. */
  size: z.strictObject({ w: Length, h: Length }),
  /** Lay the template out mirrored in right-to-left languages, where its reading order matters. */
  mirrorInRtl: z.boolean().default(false),
  /** One frame per sector the facilitator picks (group work): the frame is named and tagged with it. */
  perSector: z.boolean().default(false),
  elements: z.array(TemplateElement).min(1),
})
export type TemplateDefinition = z.infer<typeof TemplateDefinition>

/** `name` and `description` are required; every other key is whatever the elements refer to. */
const LanguageStrings = z
  .record(StringKey, z.string().trim().min(1))
  .refine((strings) => 'name' in strings && 'description' in strings, 'needs "name" and "description"')
export const TemplateStrings = z.strictObject({
  en: LanguageStrings,
  fr: LanguageStrings,
  es: LanguageStrings,
  ar: LanguageStrings,
})
export type TemplateStrings = z.infer<typeof TemplateStrings>

export const Sector = z.strictObject({
  id: Id,
  color: TemplateColor,
  names: z.strictObject({ en: z.string().min(1), fr: z.string().min(1), es: z.string().min(1), ar: z.string().min(1) }),
})
export type Sector = z.infer<typeof Sector>
export const SectorList = z.strictObject({ sectors: z.array(Sector).min(1) })

/** A template ready to use: its definition and its strings, checked against each other. */
export interface Template {
  definition: TemplateDefinition
  strings: TemplateStrings
}

export interface TemplateCatalog {
  templates: Template[]
  sectors: Sector[]
}
