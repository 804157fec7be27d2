export { ApiErrorCode, apiErrorCodeOf } from './apiErrors.ts'
export type { ApiErrorBody } from './apiErrors.ts'
export type {
  AuditEntryView,
  AuditLogView,
  BoardDeletedBody,
  BoardDeletion,
  BoardLinks,
  BoardView,
  BreakoutBoards,
  ClientConfig,
  CreateBoardRequest,
  CreateBreakoutsRequest,
  DeleteBoardResult,
  ExportFormat,
  ExportJobView,
  ExportRequest,
  ExportStatus,
  HealthStatus,
  LinkExpiredBody,
  PrintOptions,
  PrintProgress,
  RestoreVersionResult,
  RetentionRequest,
  RevealRequest,
  RevealResult,
  RotateLinksRequest,
  RotateLinksResult,
  SaveVersionRequest,
  SaveVersionResult,
  ServerTime,
  StartExportResult,
  UploadedAsset,
  VersionContentView,
  VersionList,
  VersionView,
  WorkshopRetention,
} from './apiTypes.ts'
export { AuditKind, EXPORT_FORMATS, VersionReason } from './apiTypes.ts'
export { DISPLAY_NAME_HEADER } from './displayName.ts'
export { CloseCode, CloseReason } from './closeCodes.ts'
export type { LinkRefusal } from './closeCodes.ts'
export { isLanguageCode, LANGUAGE_CODES, textDirection } from './languages.ts'
export type { LanguageCode } from './languages.ts'
export { BOARD_ROLES, canEditBoard, hasRole, isBoardRole, PRESENCE_ROLE_FIELD, presenceRole } from './roles.ts'
export type { BoardRole } from './roles.ts'
export { DEFAULT_PRINT_OPTIONS, printHash, printOptionsFromHash } from './printOptions.ts'
export { isRefusalReason, REFUSAL_MESSAGE_TYPE, RefusalReason } from './refusals.ts'
export { parseRoomName, privateRoomPrefix, roomName } from './rooms.ts'
export type { BoardRoom } from './rooms.ts'
export { metaNumber, metaString, ShapeMeta } from './shapeMeta.ts'
export { API_BASE, ApiRoutes, PageRoutes, patternSource, ServiceRoutes, SocketRoute } from './routes.ts'
export type { Endpoint, HttpMethod, NoBody, ParamNames, PathParams, RequestOf, ResponseOf, Route } from './routes.ts'
