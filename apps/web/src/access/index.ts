// What other folders may use of access (roles and links): the only door into this folder (see apps/web/README.md).
export { LinksButton } from './LinksDialog.tsx'
export { RoleBadge } from './RoleBadge.tsx'
