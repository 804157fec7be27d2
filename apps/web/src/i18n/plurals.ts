/* eslint-disable max-lines -- a table: every counted message with every plural form of each language, one block per language */
import type { LanguageCode } from '@cg/contract'

/**
 * Counted messages with every plural form each language has (CLDR, as `Intl.PluralRules` gives them): Arabic
 * says "صوت واحد", "صوتان", "3 أصوات", "11 صوتًا", "100 صوت"; French and Spanish have a form for millions ("1 000 000
 * de votes"). `{n}` is the number; other `{names}` are filled in by `plural`.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }

const en = {
  votes: { one: '{n} vote', other: '{n} votes' },
  voters: { one: '{n} person voted', other: '{n} people voted' },
  notesRevealed: { one: '{n} note revealed.', other: '{n} notes revealed.' },
  versionShapes: { one: '{n} shape', other: '{n} shapes' },
  stickersLeft: { one: '{n} of {total} stickers left', other: '{n} of {total} stickers left' },
  // The timer as the outline announces it: whole minutes, rounded up (a screen reader says "10:00" as a time of day).
  outlineMinutesLeft: { one: '{n} minute left', other: '{n} minutes left' },
  minutes: { one: '{n} min', other: '{n} min' },
  turnout: { one: '{n} of {total} has voted', other: '{n} of {total} have voted' },
  people: { one: '{n} person', other: '{n} people' },
  stickersEach: { one: '{n} sticker each', other: '{n} stickers each' },
  privateNotesHeld: {
    one: '{n} private note waiting, from {people}',
    other: '{n} private notes waiting, from {people}',
  },
  trashDays: { one: '{n} day', other: '{n} days' },
  daysLeft: { one: 'in {n} day', other: 'in {n} days' },
  idleDays: { one: '{n} day', other: '{n} days' },
  revealedNotes: { one: '{n} note', other: '{n} notes' },
  outlineNotesAdded: { one: 'A new note in {place}', other: '{n} new notes in {place}' },
  outlineNotesDeleted: { one: 'A note was deleted in {place}', other: '{n} notes deleted in {place}' },
  outlineNotesMoved: { one: 'A note was moved to {place}', other: '{n} notes moved to {place}' },
  outlineNotesEdited: { one: 'A note was changed in {place}', other: '{n} notes changed in {place}' },
  outlineMoreChanges: { one: '{n} more change elsewhere', other: '{n} more changes elsewhere' },
  outlineNoteCount: { one: '{n} note', other: '{n} notes' },
  outlineYourStickers: { one: 'you placed {n} sticker', other: 'you placed {n} stickers' },
} satisfies Record<string, PluralForms>

export type PluralKey = keyof typeof en

const fr: Record<PluralKey, PluralForms> = {
  votes: { one: '{n} vote', many: '{n} de votes', other: '{n} votes' },
  voters: { one: '{n} personne a voté', many: '{n} de personnes ont voté', other: '{n} personnes ont voté' },
  notesRevealed: { one: '{n} note révélée.', many: '{n} de notes révélées.', other: '{n} notes révélées.' },
  versionShapes: { one: '{n} forme', many: '{n} de formes', other: '{n} formes' },
  stickersLeft: {
    one: '{n} gommette sur {total} restante',
    many: '{n} de gommettes sur {total} restantes',
    other: '{n} gommettes sur {total} restantes',
  },
  outlineMinutesLeft: {
    one: '{n} minute restante',
    many: '{n} de minutes restantes',
    other: '{n} minutes restantes',
  },
  minutes: { one: '{n} min', many: '{n} de min', other: '{n} min' },
  turnout: { one: '{n} sur {total} a voté', many: '{n} de votants sur {total}', other: '{n} sur {total} ont voté' },
  people: { one: '{n} personne', many: '{n} de personnes', other: '{n} personnes' },
  stickersEach: { one: '{n} gommette chacun·e', many: '{n} de gommettes chacun·e', other: '{n} gommettes chacun·e' },
  privateNotesHeld: {
    one: '{n} note privée en attente, de {people}',
    many: '{n} de notes privées en attente, de {people}',
    other: '{n} notes privées en attente, de {people}',
  },
  trashDays: { one: '{n} jour', many: '{n} de jours', other: '{n} jours' },
  daysLeft: { one: 'dans {n} jour', many: 'dans {n} de jours', other: 'dans {n} jours' },
  idleDays: { one: '{n} jour', many: '{n} de jours', other: '{n} jours' },
  revealedNotes: { one: '{n} note', many: '{n} de notes', other: '{n} notes' },
  outlineNotesAdded: {
    one: '{n} nouvelle note dans {place}',
    many: '{n} de nouvelles notes dans {place}',
    other: '{n} nouvelles notes dans {place}',
  },
  outlineNotesDeleted: {
    one: '{n} note supprimée dans {place}',
    many: '{n} de notes supprimées dans {place}',
    other: '{n} notes supprimées dans {place}',
  },
  outlineNotesMoved: {
    one: '{n} note déplacée vers {place}',
    many: '{n} de notes déplacées vers {place}',
    other: '{n} notes déplacées vers {place}',
  },
  outlineNotesEdited: {
    one: '{n} note modifiée dans {place}',
    many: '{n} de notes modifiées dans {place}',
    other: '{n} notes modifiées dans {place}',
  },
  outlineMoreChanges: {
    one: '{n} autre changement ailleurs',
    many: '{n} de changements ailleurs',
    other: '{n} autres changements ailleurs',
  },
  outlineNoteCount: { one: '{n} note', many: '{n} de notes', other: '{n} notes' },
  outlineYourStickers: {
    one: 'vous y avez mis {n} gommette',
    many: 'vous y avez mis {n} de gommettes',
    other: 'vous y avez mis {n} gommettes',
  },
}

const es: Record<PluralKey, PluralForms> = {
  votes: { one: '{n} voto', many: '{n} de votos', other: '{n} votos' },
  voters: { one: 'Votó {n} persona', many: 'Votaron {n} de personas', other: 'Votaron {n} personas' },
  notesRevealed: { one: '{n} nota revelada.', many: '{n} de notas reveladas.', other: '{n} notas reveladas.' },
  versionShapes: { one: '{n} forma', many: '{n} de formas', other: '{n} formas' },
  stickersLeft: {
    one: 'Le queda {n} de {total} pegatinas',
    many: 'Le quedan {n} de {total} pegatinas',
    other: 'Le quedan {n} de {total} pegatinas',
  },
  outlineMinutesLeft: { one: 'Queda {n} minuto', many: 'Quedan {n} de minutos', other: 'Quedan {n} minutos' },
  minutes: { one: '{n} min', many: '{n} de min', other: '{n} min' },
  turnout: { one: 'Ha votado {n} de {total}', many: 'Han votado {n} de {total}', other: 'Han votado {n} de {total}' },
  people: { one: '{n} persona', many: '{n} de personas', other: '{n} personas' },
  stickersEach: {
    one: '{n} pegatina por persona',
    many: '{n} de pegatinas por persona',
    other: '{n} pegatinas por persona',
  },
  privateNotesHeld: {
    one: '{n} nota privada en espera, de {people}',
    many: '{n} de notas privadas en espera, de {people}',
    other: '{n} notas privadas en espera, de {people}',
  },
  trashDays: { one: '{n} día', many: '{n} de días', other: '{n} días' },
  daysLeft: { one: 'dentro de {n} día', many: 'dentro de {n} de días', other: 'dentro de {n} días' },
  idleDays: { one: '{n} día', many: '{n} de días', other: '{n} días' },
  revealedNotes: { one: '{n} nota', many: '{n} de notas', other: '{n} notas' },
  outlineNotesAdded: {
    one: '{n} nota nueva en {place}',
    many: '{n} de notas nuevas en {place}',
    other: '{n} notas nuevas en {place}',
  },
  outlineNotesDeleted: {
    one: '{n} nota eliminada en {place}',
    many: '{n} de notas eliminadas en {place}',
    other: '{n} notas eliminadas en {place}',
  },
  outlineNotesMoved: {
    one: '{n} nota movida a {place}',
    many: '{n} de notas movidas a {place}',
    other: '{n} notas movidas a {place}',
  },
  outlineNotesEdited: {
    one: '{n} nota modificada en {place}',
    many: '{n} de notas modificadas en {place}',
    other: '{n} notas modificadas en {place}',
  },
  outlineMoreChanges: {
    one: '{n} cambio más en otro lugar',
    many: '{n} de cambios más en otros lugares',
    other: '{n} cambios más en otros lugares',
  },
  outlineNoteCount: { one: '{n} nota', many: '{n} de notas', other: '{n} notas' },
  outlineYourStickers: {
    one: 'le puso {n} pegatina',
    many: 'le puso {n} de pegatinas',
    other: 'le puso {n} pegatinas',
  },
}

const ar: Record<PluralKey, PluralForms> = {
  votes: {
    zero: 'لا أصوات',
    one: 'صوت واحد',
    two: 'صوتان',
    few: '{n} أصوات',
    many: '{n} صوتًا',
    other: '{n} صوت',
  },
  voters: {
    zero: 'لم يصوّت أحد',
    one: 'صوّت شخص واحد',
    two: 'صوّت شخصان',
    few: 'صوّت {n} أشخاص',
    many: 'صوّت {n} شخصًا',
    other: 'صوّت {n} شخص',
  },
  notesRevealed: {
    zero: 'لم تُكشف أي ملاحظة.',
    one: 'تم كشف ملاحظة واحدة.',
    two: 'تم كشف ملاحظتين.',
    few: 'تم كشف {n} ملاحظات.',
    many: 'تم كشف {n} ملاحظة.',
    other: 'تم كشف {n} ملاحظة.',
  },
  versionShapes: {
    zero: 'لا أشكال',
    one: 'شكل واحد',
    two: 'شكلان',
    few: '{n} أشكال',
    many: '{n} شكلًا',
    other: '{n} شكل',
  },
  stickersLeft: {
    zero: 'لم يتبقَّ لك أي ملصق من {total}',
    one: 'تبقّى لك ملصق واحد من {total}',
    two: 'تبقّى لك ملصقان من {total}',
    few: 'تبقّى لك {n} ملصقات من {total}',
    many: 'تبقّى لك {n} ملصقًا من {total}',
    other: 'تبقّى لك {n} ملصق من {total}',
  },
  outlineMinutesLeft: {
    zero: 'لم يبقَ وقت',
    one: 'بقيت دقيقة واحدة',
    two: 'بقيت دقيقتان',
    few: 'بقيت {n} دقائق',
    many: 'بقيت {n} دقيقة',
    other: 'بقيت {n} دقيقة',
  },
  minutes: {
    zero: '{n} دقيقة',
    one: 'دقيقة واحدة',
    two: 'دقيقتان',
    few: '{n} دقائق',
    many: '{n} دقيقة',
    other: '{n} دقيقة',
  },
  turnout: {
    zero: 'لم يصوّت أحد من {total}',
    one: 'صوّت واحد من {total}',
    two: 'صوّت اثنان من {total}',
    few: 'صوّت {n} من {total}',
    many: 'صوّت {n} من {total}',
    other: 'صوّت {n} من {total}',
  },
  stickersEach: {
    zero: 'بلا ملصقات',
    one: 'ملصق واحد لكل شخص',
    two: 'ملصقان لكل شخص',
    few: '{n} ملصقات لكل شخص',
    many: '{n} ملصقًا لكل شخص',
    other: '{n} ملصق لكل شخص',
  },
  people: {
    zero: 'لا أحد',
    one: 'شخص واحد',
    two: 'شخصين',
    few: '{n} أشخاص',
    many: '{n} شخصًا',
    other: '{n} شخص',
  },
  privateNotesHeld: {
    zero: 'لا ملاحظات خاصة',
    one: 'ملاحظة خاصة واحدة بانتظار الكشف، من {people}',
    two: 'ملاحظتان خاصتان بانتظار الكشف، من {people}',
    few: '{n} ملاحظات خاصة بانتظار الكشف، من {people}',
    many: '{n} ملاحظة خاصة بانتظار الكشف، من {people}',
    other: '{n} ملاحظة خاصة بانتظار الكشف، من {people}',
  },
  trashDays: {
    zero: 'أقل من يوم',
    one: 'يومًا واحدًا',
    two: 'يومين',
    few: '{n} أيام',
    many: '{n} يومًا',
    other: '{n} يوم',
  },
  daysLeft: {
    zero: 'اليوم',
    one: 'بعد يوم واحد',
    two: 'بعد يومين',
    few: 'بعد {n} أيام',
    many: 'بعد {n} يومًا',
    other: 'بعد {n} يوم',
  },
  // "خلال {days}": a span of days, as after a preposition.
  idleDays: {
    zero: '{n} يوم',
    one: 'يوم واحد',
    two: 'يومين',
    few: '{n} أيام',
    many: '{n} يومًا',
    other: '{n} يوم',
  },
  revealedNotes: {
    zero: 'لا ملاحظات',
    one: 'ملاحظة واحدة',
    two: 'ملاحظتان',
    few: '{n} ملاحظات',
    many: '{n} ملاحظة',
    other: '{n} ملاحظة',
  },
  outlineNotesAdded: {
    zero: 'لا ملاحظات جديدة في {place}',
    one: 'ملاحظة جديدة في {place}',
    two: 'ملاحظتان جديدتان في {place}',
    few: '{n} ملاحظات جديدة في {place}',
    many: '{n} ملاحظة جديدة في {place}',
    other: '{n} ملاحظة جديدة في {place}',
  },
  outlineNotesDeleted: {
    zero: 'لم تُحذف أي ملاحظة في {place}',
    one: 'حُذفت ملاحظة في {place}',
    two: 'حُذفت ملاحظتان في {place}',
    few: 'حُذفت {n} ملاحظات في {place}',
    many: 'حُذفت {n} ملاحظة في {place}',
    other: 'حُذفت {n} ملاحظة في {place}',
  },
  outlineNotesMoved: {
    zero: 'لم تُنقل أي ملاحظة إلى {place}',
    one: 'نُقلت ملاحظة إلى {place}',
    two: 'نُقلت ملاحظتان إلى {place}',
    few: 'نُقلت {n} ملاحظات إلى {place}',
    many: 'نُقلت {n} ملاحظة إلى {place}',
    other: 'نُقلت {n} ملاحظة إلى {place}',
  },
  outlineNotesEdited: {
    zero: 'لم تُعدَّل أي ملاحظة في {place}',
    one: 'عُدِّلت ملاحظة في {place}',
    two: 'عُدِّلت ملاحظتان في {place}',
    few: 'عُدِّلت {n} ملاحظات في {place}',
    many: 'عُدِّلت {n} ملاحظة في {place}',
    other: 'عُدِّلت {n} ملاحظة في {place}',
  },
  outlineMoreChanges: {
    zero: 'لا تغييرات أخرى',
    one: 'وتغيير واحد آخر في مكان آخر',
    two: 'وتغييران آخران في أماكن أخرى',
    few: 'و{n} تغييرات أخرى في أماكن أخرى',
    many: 'و{n} تغييرًا آخر في أماكن أخرى',
    other: 'و{n} تغيير آخر في أماكن أخرى',
  },
  outlineNoteCount: {
    zero: 'لا ملاحظات',
    one: 'ملاحظة واحدة',
    two: 'ملاحظتان',
    few: '{n} ملاحظات',
    many: '{n} ملاحظة',
    other: '{n} ملاحظة',
  },
  outlineYourStickers: {
    zero: 'لم تضع أي ملصق',
    one: 'وضعت ملصقًا واحدًا',
    two: 'وضعت ملصقين',
    few: 'وضعت {n} ملصقات',
    many: 'وضعت {n} ملصقًا',
    other: 'وضعت {n} ملصق',
  },
}

export const PLURALS: Record<LanguageCode, Record<PluralKey, PluralForms>> = { en, fr, es, ar }

/** The form of `key` for `n` in `language`, with `{n}` and any other `{name}` filled in. */
export function plural(
  language: LanguageCode,
  key: PluralKey,
  n: number,
  values: Record<string, string | number> = {},
): string {
  const forms = PLURALS[language][key]
  const form = forms[new Intl.PluralRules(language).select(n)] ?? forms.other
  return Object.entries({ n, ...values }).reduce(
    (text, [name, value]) => text.replaceAll(`{${name}}`, String(value)),
    form,
  )
}
