import { facilitationAr, facilitationEn, facilitationEs, facilitationFr } from './facilitationMessages.ts'

/**
 * Strings of the workshop features (roles and links, facilitation). English is the reference; the other
 * languages are typed from it, so a missing key fails the type check.
 */
export const workshopEn = {
  ...facilitationEn,
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
