/** Facilitation methods the product knows: each reads in every reader's language and may open the tool that runs it. */
export const AGENDA_METHODS = [
  'plenary',
  'discussion',
  'thinkPairShare',
  'stickerVoting',
  'breakouts',
  'presentations',
  'energiser',
  'privateBrainstorm',
] as const
export type AgendaMethod = (typeof AGENDA_METHODS)[number]

/** Topics of the session plans the product offers, read in each reader's language until a facilitator retypes them. */
export const AGENDA_SAMPLE_TOPICS = [
  'introduction',
  'centralityOfProtection',
  'waysToWorkAcrossSectors',
  'identifyingSectors',
  'keyActions',
  'presentationsPartOne',
  'energiser',
  'presentationsPartTwo',
  'visionAndValues',
  'wrapUp',
] as const
export type AgendaSampleTopic = (typeof AGENDA_SAMPLE_TOPICS)[number]
