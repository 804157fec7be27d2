/**
 * The header the web app sends with API calls that the audit log records (exports, backups, versions, reveals): the
 * name the person gave on the board, URI-encoded (headers are ASCII; names are often Arabic). Self-declared, like
 * the name on a cursor; the role comes from the token.
 */
export const DISPLAY_NAME_HEADER = 'x-display-name'
