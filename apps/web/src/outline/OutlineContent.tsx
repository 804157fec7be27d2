import { useCallback, useId, useMemo, useRef, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { shapeOnPage, type OutlineNote, type OutlinePlace } from '@cg/outline'
import type { TemplateCatalog } from '@cg/templates'
import { REFUSAL_MESSAGES } from '../board/refusalMessages.ts'
import type { BoardRoom } from './useBoardRoom.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import type { Identity } from '../shared/identity.ts'
import { ActionsPanel } from './ActionsPanel.tsx'
import { NoteDialog, type NoteDialogState } from './NoteDialogs.tsx'
import { noteDetails, type NoteDetailWords } from './noteDetails.ts'
import { OutlineItemLabel } from './OutlineItemLabel.tsx'
import { itemsByKey, outlineItems, type OutlineItem } from './outlineItems.ts'
import { OutlineTree, type TreeRequest } from './OutlineTree.tsx'
import { whereIs } from './peers.ts'
import { PeoplePanel } from './PeoplePanel.tsx'
import { pageOf, type PagePoint } from './presenceRecord.ts'
import { StickerButtons } from './StickerButtons.tsx'
import { usePeople, usePublishPresence } from './useBoardPresence.ts'
import { useNoteActions } from './useNoteActions.ts'
import type { OwnChanges } from './ownChanges.ts'
import type { OutlineReading } from './useOutline.ts'
import { useTreeState } from './useTreeState.ts'
import { survivingFocus } from './treeModel.ts'
import { CodraftTextField, OutlineVoteResults, type OutlineVoting } from './workshop/index.ts'

const centreOf = (box: { x: number; y: number; w: number; h: number }): PagePoint => ({
  x: box.x + box.w / 2,
  y: box.y + box.h / 2,
})

/**
 * The outline itself, once the board is read: the tree, what can be done with the focused item, who else is here,
 * the vote's results, the live region; this person's presence on the board follows the focus.
 */
export function OutlineContent(props: {
  reading: OutlineReading
  boardDoc: Y.Doc
  privateDoc: Y.Doc | null
  awareness: Awareness
  room: BoardRoom
  identity: Identity
  canEdit: boolean
  canWrite: boolean
  catalog: TemplateCatalog | null
  voting: OutlineVoting
  privateDrafts: boolean
  serverNow: () => number
  own: OwnChanges
  /** What the live region says (others' changes). */
  announcement: { text: string; id: number }
}) {
  const { reading, boardDoc, identity, canEdit, canWrite, voting } = props
  const { outline } = reading
  const { t, language } = useI18n()
  const treeHintId = useId()
  const panel = useRef<HTMLElement>(null)

  const items = useMemo(() => outlineItems(outline, t('outlineEmptyNote')), [outline, t])
  const byKey = useMemo(() => itemsByKey(items), [items])
  // Votes and co-drafted texts are by shape id; a template box's place has a key of its own.
  const keyOfShape = useMemo(() => {
    const keys = new Map<string, string>()
    for (const place of outline.placesByKey.values()) if (place.shapeId) keys.set(place.shapeId, place.key)
    return keys
  }, [outline])
  const tree = useTreeState(items, outline.notes.size)
  const sectorColours = useMemo(
    () => (props.catalog?.sectors ?? []).map(({ id, color }) => ({ id, color })),
    [props.catalog],
  )
  const actions = useNoteActions({
    reading,
    boardDoc,
    privateDoc: props.privateDoc,
    privateDrafts: props.privateDrafts,
    authorName: identity.name,
    serverNow: props.serverNow,
    own: props.own,
    sectors: sectorColours,
  })
  const { announcement } = props

  const focused: OutlineItem | undefined = tree.focusKey === null ? undefined : byKey.get(tree.focusKey)
  const focusedNote: OutlineNote | null = focused?.entry.kind === 'note' ? focused.entry : null
  const focusedPlace: OutlinePlace | null = !focused
    ? null
    : focused.entry.kind === 'note'
      ? (outline.placesByKey.get(outline.notes.get(focused.key)?.placeKey ?? '') ?? null)
      : focused.entry

  // This person on the canvas: their focused note selected, their cursor in the middle of what they are on.
  const focusedShape = focusedNote?.id ?? focusedPlace?.shapeId ?? null
  const onPage = useMemo(
    () => (focusedShape ? shapeOnPage(reading.records, focusedShape) : undefined),
    [reading.records, focusedShape],
  )
  const areaBox = focusedPlace?.kind === 'area' ? focusedPlace.target?.box : undefined
  usePublishPresence(props.awareness, {
    userId: identity.id,
    name: identity.name,
    color: identity.color,
    pageId: onPage?.pageId ?? focusedPlace?.target?.parentId ?? pageOf(reading.records, null),
    selectedShapeIds: focusedNote ? [focusedNote.id] : [],
    cursor: onPage ? centreOf(onPage.box) : areaBox ? centreOf(areaBox) : null,
  })
  const { people, peersNow } = usePeople(props.awareness, identity.id)

  const detailWords = useMemo<NoteDetailWords>(
    () => ({
      sectorName: (id) => props.catalog?.sectors.find((sector) => sector.id === id)?.names[language.code],
      byAuthor: (name) => t('outlineByAuthor').replace('{name}', name),
      privateDraft: t('outlinePrivateDraft'),
      writtenTogether: t('outlineWrittenTogether'),
      votes: (n) => plural(language.code, 'votes', n),
    }),
    [props.catalog, language.code, t],
  )

  // Stable, so that the tree redraws only the items that change (see OutlineTree).
  const renderItem = useCallback(
    (item: OutlineItem, descriptionId: string) => (
      <OutlineItemLabel
        item={item}
        descriptionId={descriptionId}
        details={item.entry.kind === 'note' ? noteDetails(item.entry, detailWords) : []}
      />
    ),
    [detailWords],
  )

  const [dialog, setDialog] = useState<NoteDialogState | null>(null)
  const opener = useRef<HTMLElement | null>(null)
  function openDialog(state: NoteDialogState) {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setDialog(state)
  }
  function cancelDialog() {
    setDialog(null)
    const back = opener.current
    // Back where the dialog was opened from (after the dialog has gone), else to the tree.
    requestAnimationFrame(() => (back?.isConnected ? back.focus() : tree.focusKey && tree.goTo(tree.focusKey)))
  }

  function onTreeRequest(request: TreeRequest, key: string) {
    const entry = byKey.get(key)?.entry
    const note = entry?.kind === 'note' ? entry : null
    const placeKey = note ? (outline.notes.get(note.id)?.placeKey ?? '') : ''
    if (request === 'edit' && canWrite && note?.editable) return openDialog({ kind: 'edit', note, placeKey })
    if (request === 'delete') {
      if (canWrite && note?.editable) openDialog({ kind: 'delete', note, placeKey })
      return
    }
    // The actions beside the tree (a co-drafted text's field among them).
    const target = panel.current?.querySelector<HTMLElement>('textarea, button:not([disabled])') ?? panel.current
    target?.focus()
  }

  const votableId = focusedNote?.id ?? (focused?.entry.kind !== 'note' ? focusedPlace?.shapeId : undefined)
  const panelExtra = (
    <>
      {focusedNote?.codraft && (
        <CodraftTextField
          doc={boardDoc}
          shapeId={focusedNote.id}
          label={focusedNote.label ?? t('codraftDefaultLabel')}
          readOnly={!canEdit}
        />
      )}
      {canEdit && votableId && (
        <StickerButtons
          voting={voting}
          itemId={votableId}
          itemName={focusedNote ? focusedNote.text.trim() || t('outlineEmptyNote') : (focusedPlace?.label ?? '')}
        />
      )}
    </>
  )

  return (
    <>
      <p className="cg-outline-announcer" role="status" aria-live="polite" data-testid="outline-announcer">
        <span key={announcement.id}>{announcement.text}</span>
      </p>
      {props.room.refusal && (
        <p className="cg-outline-notice" role="status" key={props.room.refusal.at}>
          <strong>{t('refusedTitle')}</strong> {t(REFUSAL_MESSAGES[props.room.refusal.reason])}
        </p>
      )}
      {actions.failed && (
        <p className="cg-outline-notice" role="alert">
          {t('outlineWriteFailed')}
        </p>
      )}
      <div className="cg-outline-body">
        <main className="cg-outline-main">
          <div className="cg-outline-toolbar">
            <button type="button" onClick={tree.expandAll}>
              {t('outlineExpandAll')}
            </button>
            <button type="button" onClick={tree.collapseAll}>
              {t('outlineCollapseAll')}
            </button>
            <details className="cg-outline-keys">
              <summary>{t('outlineKeysTitle')}</summary>
              <p>{t('outlineKeysHelp')}</p>
            </details>
          </div>
          <p id={treeHintId} className="cg-muted cg-outline-tree-hint">
            {t('outlineTreeKeys')}
          </p>
          {items.length === 0 ? (
            <p>{t('outlineEmpty')}</p>
          ) : (
            <OutlineTree
              items={byKey}
              rows={tree.rows}
              label={t('outlineTreeLabel')}
              describedBy={treeHintId}
              rtl={language.dir === 'rtl'}
              locale={language.code}
              focusKey={tree.focusKey}
              focusRequest={tree.focusRequest}
              onFocusKey={tree.setFocusKey}
              onExpand={tree.expand}
              onCollapse={tree.collapse}
              onRequest={onTreeRequest}
              renderItem={renderItem}
            />
          )}
        </main>
        <div className="cg-outline-side">
          <ActionsPanel
            ref={panel}
            place={focusedPlace}
            note={focusedNote}
            canEdit={canEdit}
            canWrite={canWrite}
            onOpen={openDialog}
            onBack={() => tree.focusKey && tree.goTo(tree.focusKey)}
            extra={panelExtra}
          />
          <aside className="cg-outline-aside">
            <OutlineVoteResults
              itemText={(id) =>
                outline.notes.get(id)?.note.text ?? outline.placesByKey.get(keyOfShape.get(id) ?? '')?.label
              }
              onGoTo={(id) => tree.goTo(keyOfShape.get(id) ?? id)}
            />
            <PeoplePanel
              people={people}
              onGoTo={(userId) => {
                const peer = peersNow().find((candidate) => candidate.userId === userId)
                const key = peer ? whereIs(peer, outline, reading.records) : null
                if (key) tree.goTo(key)
                return key !== null
              }}
            />
          </aside>
        </div>
      </div>
      {dialog && (
        <NoteDialog
          state={dialog}
          outline={outline}
          sectors={props.catalog?.sectors ?? []}
          privateDrafts={props.privateDrafts}
          onCancel={cancelDialog}
          onDone={(result) => {
            setDialog(null)
            const created = actions.apply(result)
            if (result.kind === 'delete') {
              // To the item before it (or after), as when someone else deletes it.
              const id = result.note.id
              const next = survivingFocus(
                tree.rows,
                tree.rows.filter((row) => row.key !== id),
                id,
              )
              if (next) tree.goTo(next)
            } else tree.goTo(created ?? (result.kind === 'add' ? result.place.key : result.note.id))
          }}
        />
      )}
    </>
  )
}
