/**
 * Words for board safety: changes the server did not accept. English is the reference; the other languages
 * must have every key (the type says so).
 */
export const safetyEn = {
  tooManyNewBoards: 'Many boards were just created from this network. Try again in a few minutes.',
  restoreBusy: 'The server is busy with another restore, or had many from this network. Try again in a few minutes.',
  tooManyExports: 'Several exports of this workshop are already being made. Try again in a minute.',
  history: 'History',
  historyHelp:
    'The server keeps versions of this board: every few minutes while it changes, and before big changes. Look at one, or set the board back to it.',
  versionName: 'Name of a version to save now',
  versionNamePlaceholder: 'e.g. Before voting',
  saveVersion: 'Save a version',
  savingVersion: 'Saving…',
  versionSaved: 'Version saved.',
  historyLoading: 'Loading versions…',
  historyEmpty: 'No versions yet: the first is taken a few minutes after the board starts changing.',
  historyFailed: 'Could not load the versions. Check your connection and try again.',
  refreshHistory: 'Refresh',
  previewVersion: 'Look',
  previewVersionNamed: 'Look at the version of {time}',
  restoreVersion: 'Restore',
  restoreVersionNamed: 'Restore the version of {time}',
  restoreVersionConfirm:
    'Set the board back to how it was at {time}? Everyone sees it at once. The board as it is now is saved first, so this can be undone.',
  restoringVersion: 'Restoring…',
  restoreVersionFailed: 'Could not restore this version. Check your connection and try again.',
  versionRestoredNotice: 'The board was restored to {time}.',
  versionPreviewTitle: 'The board at {time}',
  versionPreviewHelp: 'A look only: nothing here changes the board.',
  reasonInterval: 'Automatic',
  reasonUnload: 'When everyone had left',
  reasonBeforeRestore: 'Before a restore',
  reasonBeforeBringBack: 'Before bringing the groups back',
  reasonBeforeLargeDeletion: 'Before many shapes were deleted',
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
  tooManyNewBoards: 'De nombreux tableaux viennent d’être créés depuis ce réseau. Réessayez dans quelques minutes.',
  restoreBusy:
    'Le serveur est occupé par une autre restauration, ou en a reçu beaucoup depuis ce réseau. Réessayez dans quelques minutes.',
  tooManyExports: 'Plusieurs exports de cet atelier sont déjà en cours. Réessayez dans une minute.',
  history: 'Historique',
  historyHelp:
    'Le serveur garde des versions de ce tableau : toutes les quelques minutes pendant qu’il change, et avant les grands changements. Regardez-en une, ou ramenez le tableau à celle-ci.',
  versionName: 'Nom d’une version à enregistrer maintenant',
  versionNamePlaceholder: 'p. ex. Avant le vote',
  saveVersion: 'Enregistrer une version',
  savingVersion: 'Enregistrement…',
  versionSaved: 'Version enregistrée.',
  historyLoading: 'Chargement des versions…',
  historyEmpty: 'Pas encore de version : la première est prise quelques minutes après les premiers changements.',
  historyFailed: 'Impossible de charger les versions. Vérifiez votre connexion et réessayez.',
  refreshHistory: 'Actualiser',
  previewVersion: 'Voir',
  previewVersionNamed: 'Voir la version de {time}',
  restoreVersion: 'Restaurer',
  restoreVersionNamed: 'Restaurer la version de {time}',
  restoreVersionConfirm:
    'Ramener le tableau à son état de {time} ? Tout le monde le voit aussitôt. Le tableau actuel est d’abord enregistré : vous pourrez annuler.',
  restoringVersion: 'Restauration…',
  restoreVersionFailed: 'Impossible de restaurer cette version. Vérifiez votre connexion et réessayez.',
  versionRestoredNotice: 'Le tableau a été ramené à {time}.',
  versionPreviewTitle: 'Le tableau à {time}',
  versionPreviewHelp: 'Un aperçu seulement : rien ici ne modifie le tableau.',
  reasonInterval: 'Automatique',
  reasonUnload: 'Quand tout le monde était parti',
  reasonBeforeRestore: 'Avant une restauration',
  reasonBeforeBringBack: 'Avant le retour des groupes',
  reasonBeforeLargeDeletion: 'Avant la suppression de nombreuses formes',
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
  tooManyNewBoards: 'Se acaban de crear muchas pizarras desde esta red. Inténtelo de nuevo en unos minutos.',
  restoreBusy:
    'El servidor está ocupado con otra restauración, o recibió muchas desde esta red. Inténtelo de nuevo en unos minutos.',
  tooManyExports: 'Ya se están haciendo varias exportaciones de este taller. Inténtelo de nuevo en un minuto.',
  history: 'Historial',
  historyHelp:
    'El servidor guarda versiones de esta pizarra: cada pocos minutos mientras cambia, y antes de los cambios grandes. Mire una, o devuelva la pizarra a ella.',
  versionName: 'Nombre de una versión para guardar ahora',
  versionNamePlaceholder: 'p. ej. Antes de votar',
  saveVersion: 'Guardar una versión',
  savingVersion: 'Guardando…',
  versionSaved: 'Versión guardada.',
  historyLoading: 'Cargando versiones…',
  historyEmpty: 'Aún no hay versiones: la primera se toma unos minutos después de que la pizarra empiece a cambiar.',
  historyFailed: 'No se pudieron cargar las versiones. Compruebe su conexión e inténtelo de nuevo.',
  refreshHistory: 'Actualizar',
  previewVersion: 'Ver',
  previewVersionNamed: 'Ver la versión de las {time}',
  restoreVersion: 'Restaurar',
  restoreVersionNamed: 'Restaurar la versión de las {time}',
  restoreVersionConfirm:
    '¿Devolver la pizarra a como estaba a las {time}? Todos lo ven al instante. Antes se guarda la pizarra tal como está, así que se puede deshacer.',
  restoringVersion: 'Restaurando…',
  restoreVersionFailed: 'No se pudo restaurar esta versión. Compruebe su conexión e inténtelo de nuevo.',
  versionRestoredNotice: 'La pizarra se devolvió a como estaba a las {time}.',
  versionPreviewTitle: 'La pizarra a las {time}',
  versionPreviewHelp: 'Solo una vista: nada de aquí cambia la pizarra.',
  reasonInterval: 'Automática',
  reasonUnload: 'Cuando todos se habían ido',
  reasonBeforeRestore: 'Antes de una restauración',
  reasonBeforeBringBack: 'Antes de traer de vuelta a los grupos',
  reasonBeforeLargeDeletion: 'Antes de que se borraran muchas formas',
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
  tooManyNewBoards: 'أُنشئت للتو سبورات كثيرة من هذه الشبكة. حاول مرة أخرى بعد بضع دقائق.',
  restoreBusy: 'الخادم مشغول باستعادة أخرى، أو تلقّى كثيرًا منها من هذه الشبكة. حاول مرة أخرى بعد بضع دقائق.',
  tooManyExports: 'تُجرى بالفعل عدة عمليات تصدير لهذه الورشة. حاول مرة أخرى بعد دقيقة.',
  history: 'السجلّ',
  historyHelp:
    'يحتفظ الخادم بنسخ من هذه السبورة: كل بضع دقائق أثناء تغيّرها، وقبل التغييرات الكبيرة. اطّلع على نسخة، أو أعِد السبورة إليها.',
  versionName: 'اسم نسخة تُحفظ الآن',
  versionNamePlaceholder: 'مثلًا: قبل التصويت',
  saveVersion: 'حفظ نسخة',
  savingVersion: 'جارٍ الحفظ…',
  versionSaved: 'حُفظت النسخة.',
  historyLoading: 'جارٍ تحميل النسخ…',
  historyEmpty: 'لا نسخ بعد: تُؤخذ الأولى بعد دقائق من بدء تغيّر السبورة.',
  historyFailed: 'تعذّر تحميل النسخ. تحقّق من الاتصال وحاول مرة أخرى.',
  refreshHistory: 'تحديث',
  previewVersion: 'اطّلاع',
  previewVersionNamed: 'الاطّلاع على نسخة {time}',
  restoreVersion: 'استعادة',
  restoreVersionNamed: 'استعادة نسخة {time}',
  restoreVersionConfirm:
    'هل تريد إعادة السبورة إلى ما كانت عليه عند {time}؟ يراها الجميع فورًا. تُحفظ السبورة بحالتها الحالية أولًا، فيمكن التراجع.',
  restoringVersion: 'جارٍ الاستعادة…',
  restoreVersionFailed: 'تعذّرت استعادة هذه النسخة. تحقّق من الاتصال وحاول مرة أخرى.',
  versionRestoredNotice: 'أُعيدت السبورة إلى ما كانت عليه عند {time}.',
  versionPreviewTitle: 'السبورة عند {time}',
  versionPreviewHelp: 'للاطّلاع فقط: لا شيء هنا يغيّر السبورة.',
  reasonInterval: 'تلقائية',
  reasonUnload: 'بعد مغادرة الجميع',
  reasonBeforeRestore: 'قبل استعادة',
  reasonBeforeBringBack: 'قبل إعادة المجموعات',
  reasonBeforeLargeDeletion: 'قبل حذف أشكال كثيرة',
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
