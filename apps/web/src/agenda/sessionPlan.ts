import type { AgendaItem, AgendaMethod, AgendaSampleTopic } from '@cg/facilitation'
import type { MessageKey } from '../i18n/messages.ts'

/** The facilitator panel's sections that run a method; an agenda item with such a method links to its section. */
export type FacilitationTool = 'voting' | 'breakouts' | 'privateMode' | 'attention'

export const METHOD_MESSAGES: Record<AgendaMethod, MessageKey> = {
  plenary: 'methodPlenary',
  discussion: 'methodDiscussion',
  thinkPairShare: 'methodThinkPairShare',
  stickerVoting: 'methodStickerVoting',
  breakouts: 'methodBreakouts',
  presentations: 'methodPresentations',
  energiser: 'methodEnergiser',
  privateBrainstorm: 'methodPrivateBrainstorm',
}

/** Think-pair-share starts with everyone thinking on their own: private mode keeps their notes to themselves. */
export const METHOD_TOOLS: Partial<Record<AgendaMethod, FacilitationTool>> = {
  thinkPairShare: 'privateMode',
  privateBrainstorm: 'privateMode',
  stickerVoting: 'voting',
  breakouts: 'breakouts',
  presentations: 'attention',
}

export const TOOL_HEADINGS: Record<FacilitationTool, MessageKey> = {
  voting: 'stickerVoting',
  breakouts: 'breakouts',
  privateMode: 'privateMode',
  attention: 'attention',
}

export const SAMPLE_TOPIC_MESSAGES: Record<AgendaSampleTopic, MessageKey> = {
  introduction: 'topicIntroduction',
  centralityOfProtection: 'topicCentralityOfProtection',
  waysToWorkAcrossSectors: 'topicWaysToWorkAcrossSectors',
  identifyingSectors: 'topicIdentifyingSectors',
  keyActions: 'topicKeyActions',
  presentationsPartOne: 'topicPresentationsPartOne',
  energiser: 'topicEnergiser',
  presentationsPartTwo: 'topicPresentationsPartTwo',
  visionAndValues: 'topicVisionAndValues',
  wrapUp: 'topicWrapUp',
}

/** The CPMS "Working across sectors" session (135 minutes), as the Minimum Standards' training package runs it. */
export const CPMS_SESSION_PLAN: readonly { topic: AgendaSampleTopic; method: AgendaMethod; minutes: number }[] = [
  { topic: 'introduction', method: 'plenary', minutes: 2 },
  { topic: 'centralityOfProtection', method: 'thinkPairShare', minutes: 20 },
  { topic: 'waysToWorkAcrossSectors', method: 'discussion', minutes: 15 },
  { topic: 'identifyingSectors', method: 'stickerVoting', minutes: 10 },
  { topic: 'keyActions', method: 'breakouts', minutes: 25 },
  { topic: 'presentationsPartOne', method: 'presentations', minutes: 20 },
  { topic: 'energiser', method: 'energiser', minutes: 5 },
  { topic: 'presentationsPartTwo', method: 'presentations', minutes: 20 },
  { topic: 'visionAndValues', method: 'privateBrainstorm', minutes: 15 },
  { topic: 'wrapUp', method: 'plenary', minutes: 3 },
]

type Translate = (key: MessageKey) => string

/** The topic as this reader reads it: a sample's in their language, a typed one as typed. */
export function topicText(item: Pick<AgendaItem, 'topic' | 'topicKey'>, t: Translate): string {
  return item.topicKey ? t(SAMPLE_TOPIC_MESSAGES[item.topicKey]) : item.topic
}

export function methodText(item: Pick<AgendaItem, 'method' | 'methodKey'>, t: Translate): string {
  return item.methodKey ? t(METHOD_MESSAGES[item.methodKey]) : item.method
}

/** The plan's items, with the facilitator's own language as the stored text for readers that know no keys. */
export function samplePlanItems(t: Translate, newId: () => string): AgendaItem[] {
  return CPMS_SESSION_PLAN.map(({ topic, method, minutes }) => ({
    id: newId(),
    topic: t(SAMPLE_TOPIC_MESSAGES[topic]),
    topicKey: topic,
    method: t(METHOD_MESSAGES[method]),
    methodKey: method,
    minutes,
  }))
}

export function totalMinutes(items: readonly Pick<AgendaItem, 'minutes'>[]): number {
  return items.reduce((sum, item) => sum + item.minutes, 0)
}
