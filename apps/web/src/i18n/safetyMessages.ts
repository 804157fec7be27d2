/**
 * Words for board safety: changes the server did not accept. English is the reference; the other languages
 * must have every key (the type says so).
 */
export const safetyEn = {
  rotateAllLinks: 'Replace every link, mine included',
  rotateAllLinksConfirm:
    'Every link to this board stops working at once, your facilitator link included, and everyone using them is disconnected. Use this if your facilitator link may have leaked. This page then reopens with your new link. Continue?',
  refusedTitle: 'Your change was undone',
  refusedScaffoldLocked:
    'The template’s structure is locked by the facilitator. Add your notes inside it instead, or ask the facilitator to unlock it.',
  refusedInvalidRecord:
    'The board could not accept this change, so it was taken back. Refresh the page if it happens again.',
  refusedInvalidSchema:
    'Your browser runs a different version of Common Ground than the server. Refresh the page to update.',
  refusedBoardTooLarge:
    'The board has reached its size limit, so this change could not be added. Remove something first, or continue on a new board.',
  refusedMissingDependencies: 'This change could not be added to the board. Refresh the page.',
  refusedInvalidText: 'Only plain text can go into a text written together, so this change was taken back.',
}

type SafetyMessages = typeof safetyEn

export const safetyFr: SafetyMessages = {
  rotateAllLinks: 'Remplacer tous les liens, y compris le mien',
  rotateAllLinksConfirm:
    'Tous les liens vers ce tableau cessent aussitôt de fonctionner, y compris votre lien d’animation, et toutes les personnes qui les utilisent sont déconnectées. À utiliser si votre lien d’animation a pu fuiter. Cette page se rouvre ensuite avec votre nouveau lien. Continuer ?',
  refusedTitle: 'Votre modification a été annulée',
  refusedScaffoldLocked:
    'La structure du modèle est verrouillée par l’animateur ou l’animatrice. Ajoutez plutôt vos notes à l’intérieur, ou demandez de la déverrouiller.',
  refusedInvalidRecord:
    'Le tableau n’a pas pu accepter cette modification ; elle a été retirée. Actualisez la page si cela se reproduit.',
  refusedInvalidSchema:
    'Votre navigateur utilise une autre version de Common Ground que le serveur. Actualisez la page pour la mettre à jour.',
  refusedBoardTooLarge:
    'Le tableau a atteint sa taille maximale ; cette modification n’a pas pu être ajoutée. Supprimez d’abord quelque chose, ou continuez sur un nouveau tableau.',
  refusedMissingDependencies: 'Cette modification n’a pas pu être ajoutée au tableau. Actualisez la page.',
  refusedInvalidText:
    'Seul du texte simple peut aller dans un texte rédigé ensemble ; cette modification a été retirée.',
}

export const safetyEs: SafetyMessages = {
  rotateAllLinks: 'Reemplazar todos los enlaces, el mío incluido',
  rotateAllLinksConfirm:
    'Todos los enlaces a esta pizarra dejan de funcionar al instante, su enlace de facilitación incluido, y se desconecta a quienes los usan. Úselo si su enlace de facilitación pudo filtrarse. Después esta página se vuelve a abrir con su enlace nuevo. ¿Continuar?',
  refusedTitle: 'Se deshizo su cambio',
  refusedScaffoldLocked:
    'La persona facilitadora bloqueó la estructura de la plantilla. Añada sus notas dentro de ella, o pida que la desbloquee.',
  refusedInvalidRecord:
    'La pizarra no pudo aceptar este cambio, así que se retiró. Actualice la página si vuelve a ocurrir.',
  refusedInvalidSchema:
    'Su navegador usa una versión de Common Ground distinta de la del servidor. Actualice la página para ponerla al día.',
  refusedBoardTooLarge:
    'La pizarra llegó a su tamaño máximo, así que no se pudo añadir este cambio. Quite algo primero, o siga en una pizarra nueva.',
  refusedMissingDependencies: 'No se pudo añadir este cambio a la pizarra. Actualice la página.',
  refusedInvalidText: 'En un texto escrito en conjunto solo cabe texto simple, así que se retiró este cambio.',
}

export const safetyAr: SafetyMessages = {
  rotateAllLinks: 'استبدال كل الروابط، ومنها رابطي',
  rotateAllLinksConfirm:
    'تتوقف كل روابط هذه السبورة عن العمل فورًا، ومنها رابط الميسّر الخاص بك، ويُفصل كل من يستخدمها. استخدم هذا إذا احتمل تسرّب رابط الميسّر. بعد ذلك تُفتح هذه الصفحة من جديد برابطك الجديد. هل تريد المتابعة؟',
  refusedTitle: 'أُلغي التغيير الذي أجريته',
  refusedScaffoldLocked: 'قفل الميسّر هيكل القالب. أضف ملاحظاتك داخله بدلًا من ذلك، أو اطلب من الميسّر فتح القفل.',
  refusedInvalidRecord: 'لم تستطع السبورة قبول هذا التغيير، فسُحب. حدّث الصفحة إذا تكرر ذلك.',
  refusedInvalidSchema: 'يعمل متصفحك بإصدار من Common Ground غير إصدار الخادم. حدّث الصفحة للتحديث.',
  refusedBoardTooLarge:
    'بلغت السبورة الحد الأقصى لحجمها، فتعذّرت إضافة هذا التغيير. احذف شيئًا أولًا، أو تابع على سبورة جديدة.',
  refusedMissingDependencies: 'تعذّرت إضافة هذا التغيير إلى السبورة. حدّث الصفحة.',
  refusedInvalidText: 'لا يقبل النص المكتوب معًا إلا نصًا عاديًا، فسُحب هذا التغيير.',
}
