import { facilitationAr, facilitationEn, facilitationEs, facilitationFr } from './facilitationMessages.ts'

/**
 * Strings of the workshop features (roles and links, facilitation). English is the reference; the other
 * languages are typed from it, so a missing key fails the type check.
 */
export const workshopEn = {
  ...facilitationEn,
  backup: 'Backup',
  backupHelp:
    'One file with the plenary board, every breakout board, the votes and the pictures. Keep it safe: it holds the workshop.',
  downloadBackup: 'Download a backup',
  preparingBackup: 'Preparing the backup…',
  backupFailed: 'Could not make the backup. Check your connection and try again.',
  restoreHeading: 'Restore a board from a backup',
  restoreHelp: 'A backup file makes a new board on this server, with new links; the original is not changed.',
  chooseBackupFile: 'Backup file',
  restoring: 'Restoring…',
  restoreFailed: 'Could not restore the board. Check your connection and try again.',
  backupNotRecognized:
    'This file is not a board backup, or it is incomplete (it may have been cut short while downloading).',
  backupNewerVersion:
    'This backup was made by a newer version of the app. Ask the person who runs this server to update it.',
  backupDamaged: 'This backup is damaged: its content does not match what was saved. Nothing was imported.',
  backupTooLarge: 'This backup is larger than this server accepts.',
  roleFacilitator: 'Facilitator',
  roleEditor: 'Participant',
  roleViewer: 'Viewer',
  youAre: 'You are: {role}',
  viewOnlyNotice: 'You are watching this board. You can follow along but not change it.',
  invalidLink: 'This link does not open the board',
  invalidLinkHelp:
    'The link is incomplete, or the facilitator replaced it with a new one. Ask the facilitator for the current link.',
  linkRotated: 'This link was replaced',
  linkRotatedHelp: 'The facilitator replaced the links of this board. Ask them for the new link to continue.',
  shareLinks: 'Links',
  shareLinksTitle: 'Links to this board',
  shareLinksHelp:
    'Each link is a secret: anyone who has it gets its role. Send the participant link to people who work on the board, the viewer link to people who only watch.',
  facilitatorLinkLabel: 'Facilitator link (keep it to yourself and co-facilitators)',
  editorLinkLabel: 'Participant link (can edit)',
  viewerLinkLabel: 'Viewer link (can only watch)',
  copyLink: 'Copy',
  copied: 'Copied',
  rotateLinks: 'Replace participant and viewer links',
  rotateLinksConfirm:
    'The current participant and viewer links will stop working at once, and people using them will be disconnected. Continue?',
  rotatingLinks: 'Replacing…',
  rotateLinksFailed: 'Could not replace the links. Check your connection and try again.',
  linksRotated: 'New links made. Send them again to the people who should keep access.',
  close: 'Close',
  uploadForbidden: 'Viewers cannot add files to the board.',
}

export type WorkshopMessages = typeof workshopEn

export const workshopFr: WorkshopMessages = {
  ...facilitationFr,
  backup: 'Sauvegarde',
  backupHelp:
    'Un seul fichier avec le tableau de plénière, chaque sous-groupe, les votes et les images. Conservez-le avec soin : il contient l’atelier.',
  downloadBackup: 'Télécharger une sauvegarde',
  preparingBackup: 'Préparation de la sauvegarde…',
  backupFailed: 'Impossible de faire la sauvegarde. Vérifiez votre connexion et réessayez.',
  restoreHeading: 'Restaurer un tableau depuis une sauvegarde',
  restoreHelp:
    'Une sauvegarde crée un nouveau tableau sur ce serveur, avec de nouveaux liens ; l’original ne change pas.',
  chooseBackupFile: 'Fichier de sauvegarde',
  restoring: 'Restauration…',
  restoreFailed: 'Impossible de restaurer le tableau. Vérifiez votre connexion et réessayez.',
  backupNotRecognized:
    'Ce fichier n’est pas une sauvegarde de tableau, ou il est incomplet (le téléchargement a pu être interrompu).',
  backupNewerVersion:
    'Cette sauvegarde vient d’une version plus récente de l’application. Demandez à la personne qui gère ce serveur de le mettre à jour.',
  backupDamaged:
    'Cette sauvegarde est endommagée : son contenu ne correspond pas à ce qui a été enregistré. Rien n’a été importé.',
  backupTooLarge: 'Cette sauvegarde dépasse la taille acceptée par ce serveur.',
  roleFacilitator: 'Animateur·rice',
  roleEditor: 'Participant·e',
  roleViewer: 'Observateur·rice',
  youAre: 'Vous êtes : {role}',
  viewOnlyNotice: 'Vous regardez ce tableau. Vous pouvez suivre, mais pas le modifier.',
  invalidLink: 'Ce lien n’ouvre pas le tableau',
  invalidLinkHelp:
    'Le lien est incomplet, ou l’animateur·rice l’a remplacé par un nouveau. Demandez-lui le lien actuel.',
  linkRotated: 'Ce lien a été remplacé',
  linkRotatedHelp: 'L’animateur·rice a remplacé les liens de ce tableau. Demandez-lui le nouveau lien pour continuer.',
  shareLinks: 'Liens',
  shareLinksTitle: 'Liens vers ce tableau',
  shareLinksHelp:
    'Chaque lien est secret : qui l’a obtient son rôle. Envoyez le lien participant à qui travaille sur le tableau, le lien observateur à qui regarde seulement.',
  facilitatorLinkLabel: 'Lien animateur (à garder pour vous et les co-animateurs)',
  editorLinkLabel: 'Lien participant (peut modifier)',
  viewerLinkLabel: 'Lien observateur (peut seulement regarder)',
  copyLink: 'Copier',
  copied: 'Copié',
  rotateLinks: 'Remplacer les liens participant et observateur',
  rotateLinksConfirm:
    'Les liens participant et observateur actuels cesseront aussitôt de fonctionner et les personnes qui les utilisent seront déconnectées. Continuer ?',
  rotatingLinks: 'Remplacement…',
  rotateLinksFailed: 'Impossible de remplacer les liens. Vérifiez votre connexion et réessayez.',
  linksRotated: 'Nouveaux liens créés. Envoyez-les aux personnes qui doivent garder l’accès.',
  close: 'Fermer',
  uploadForbidden: 'Les observateurs ne peuvent pas ajouter de fichiers au tableau.',
}

export const workshopEs: WorkshopMessages = {
  ...facilitationEs,
  backup: 'Copia de seguridad',
  backupHelp:
    'Un solo archivo con el tablero de plenaria, cada grupo, las votaciones y las imágenes. Guárdelo bien: contiene el taller.',
  downloadBackup: 'Descargar una copia de seguridad',
  preparingBackup: 'Preparando la copia…',
  backupFailed: 'No se pudo hacer la copia. Compruebe su conexión e inténtelo de nuevo.',
  restoreHeading: 'Restaurar un tablero desde una copia de seguridad',
  restoreHelp: 'Una copia crea un tablero nuevo en este servidor, con enlaces nuevos; el original no cambia.',
  chooseBackupFile: 'Archivo de copia de seguridad',
  restoring: 'Restaurando…',
  restoreFailed: 'No se pudo restaurar el tablero. Compruebe su conexión e inténtelo de nuevo.',
  backupNotRecognized:
    'Este archivo no es una copia de un tablero, o está incompleto (la descarga pudo interrumpirse).',
  backupNewerVersion:
    'Esta copia se hizo con una versión más reciente de la aplicación. Pida a quien administra este servidor que lo actualice.',
  backupDamaged: 'Esta copia está dañada: su contenido no coincide con lo guardado. No se importó nada.',
  backupTooLarge: 'Esta copia supera el tamaño que acepta este servidor.',
  roleFacilitator: 'Facilitador/a',
  roleEditor: 'Participante',
  roleViewer: 'Observador/a',
  youAre: 'Usted es: {role}',
  viewOnlyNotice: 'Está mirando este tablero. Puede seguirlo, pero no modificarlo.',
  invalidLink: 'Este enlace no abre el tablero',
  invalidLinkHelp:
    'El enlace está incompleto, o la persona facilitadora lo reemplazó por uno nuevo. Pídale el enlace actual.',
  linkRotated: 'Este enlace fue reemplazado',
  linkRotatedHelp:
    'La persona facilitadora reemplazó los enlaces de este tablero. Pídale el enlace nuevo para continuar.',
  shareLinks: 'Enlaces',
  shareLinksTitle: 'Enlaces a este tablero',
  shareLinksHelp:
    'Cada enlace es secreto: quien lo tiene obtiene su rol. Envíe el enlace de participante a quienes trabajan en el tablero y el de observador a quienes solo miran.',
  facilitatorLinkLabel: 'Enlace de facilitación (guárdelo para usted y co-facilitadores)',
  editorLinkLabel: 'Enlace de participante (puede editar)',
  viewerLinkLabel: 'Enlace de observador (solo puede mirar)',
  copyLink: 'Copiar',
  copied: 'Copiado',
  rotateLinks: 'Reemplazar los enlaces de participante y observador',
  rotateLinksConfirm:
    'Los enlaces actuales de participante y observador dejarán de funcionar de inmediato y quienes los usan serán desconectados. ¿Continuar?',
  rotatingLinks: 'Reemplazando…',
  rotateLinksFailed: 'No se pudieron reemplazar los enlaces. Compruebe su conexión e inténtelo de nuevo.',
  linksRotated: 'Enlaces nuevos creados. Envíelos a las personas que deben conservar el acceso.',
  close: 'Cerrar',
  uploadForbidden: 'Los observadores no pueden añadir archivos al tablero.',
}

export const workshopAr: WorkshopMessages = {
  ...facilitationAr,
  backup: 'نسخة احتياطية',
  backupHelp: 'ملف واحد يضم لوحة الجلسة العامة وكل لوحات المجموعات والتصويتات والصور. احتفظ به بأمان: فهو يحوي الورشة.',
  downloadBackup: 'نزّل نسخة احتياطية',
  preparingBackup: 'جارٍ تحضير النسخة…',
  backupFailed: 'تعذّر إنشاء النسخة الاحتياطية. تحقّق من اتصالك وحاول مجددًا.',
  restoreHeading: 'استعادة لوحة من نسخة احتياطية',
  restoreHelp: 'تُنشئ النسخة الاحتياطية لوحة جديدة على هذا الخادم بروابط جديدة، ولا تتغير اللوحة الأصلية.',
  chooseBackupFile: 'ملف النسخة الاحتياطية',
  restoring: 'جارٍ الاستعادة…',
  restoreFailed: 'تعذّرت استعادة اللوحة. تحقّق من اتصالك وحاول مجددًا.',
  backupNotRecognized: 'هذا الملف ليس نسخة احتياطية للوحة، أو أنه ناقص (ربما انقطع التنزيل).',
  backupNewerVersion: 'أُنشئت هذه النسخة بإصدار أحدث من التطبيق. اطلب من مسؤول هذا الخادم تحديثه.',
  backupDamaged: 'هذه النسخة تالفة: محتواها لا يطابق ما حُفظ. لم يُستورد أي شيء.',
  backupTooLarge: 'هذه النسخة أكبر مما يقبله هذا الخادم.',
  roleFacilitator: 'الميسّر',
  roleEditor: 'مشارك',
  roleViewer: 'مشاهد',
  youAre: 'دورك: {role}',
  viewOnlyNotice: 'أنت تشاهد هذه اللوحة. يمكنك المتابعة دون تعديلها.',
  invalidLink: 'هذا الرابط لا يفتح اللوحة',
  invalidLinkHelp: 'الرابط ناقص، أو استبدله الميسّر برابط جديد. اطلب الرابط الحالي من الميسّر.',
  linkRotated: 'تم استبدال هذا الرابط',
  linkRotatedHelp: 'استبدل الميسّر روابط هذه اللوحة. اطلب منه الرابط الجديد للمتابعة.',
  shareLinks: 'الروابط',
  shareLinksTitle: 'روابط هذه اللوحة',
  shareLinksHelp:
    'كل رابط سرّي: من يملكه يحصل على دوره. أرسل رابط المشاركة لمن يعمل على اللوحة، ورابط المشاهدة لمن يتابع فقط.',
  facilitatorLinkLabel: 'رابط الميسّر (احتفظ به لنفسك وللميسّرين المشاركين)',
  editorLinkLabel: 'رابط المشارك (يمكنه التعديل)',
  viewerLinkLabel: 'رابط المشاهد (يمكنه المشاهدة فقط)',
  copyLink: 'نسخ',
  copied: 'تم النسخ',
  rotateLinks: 'استبدال رابطي المشاركة والمشاهدة',
  rotateLinksConfirm: 'سيتوقف رابطا المشاركة والمشاهدة الحاليان عن العمل فورًا وسيُقطع اتصال من يستخدمهما. هل تتابع؟',
  rotatingLinks: 'جارٍ الاستبدال…',
  rotateLinksFailed: 'تعذّر استبدال الروابط. تحقّق من اتصالك وحاول مجددًا.',
  linksRotated: 'تم إنشاء روابط جديدة. أرسلها إلى من يجب أن يحتفظ بالوصول.',
  close: 'إغلاق',
  uploadForbidden: 'لا يمكن للمشاهدين إضافة ملفات إلى اللوحة.',
}
