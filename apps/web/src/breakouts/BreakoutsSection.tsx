import { useEffect, useMemo, useRef, useState } from 'react'
import { Box, useEditor } from 'tldraw'
import type * as Y from 'yjs'
import type { BreakoutGroup, BreakoutsState } from '@cg/facilitation'
import { createBreakoutBoards, saveVersion } from '../shared/api.ts'
import { boardLink } from '../shared/boardLink.ts'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useTemplateCatalog } from '../board/shapes/useTemplateCatalog.ts'
import { assignRandomly, movePerson, participantsOf } from './breakoutPlan.ts'
import { BreakoutThumbnail } from './BreakoutThumbnail.tsx'
import { bringBackToPlenary } from './bringBackToPlenary.ts'
import { useBreakoutRoom } from './useBreakoutRoom.ts'
import { usePeopleOnBoard } from '../board/workshop/usePeopleOnBoard.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { updateWorkshop } from '../board/workshop/writeWorkshop.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** Splitting people into breakout groups, the live overview while they work, and bringing the work back. */
export function BreakoutsSection() {
  const { t } = useI18n()
  const { board } = useWorkshop()
  const breakouts = useWorkshopField('breakouts')
  if (board.parentId) return null
  return (
    <PanelSection title={t('breakouts')} tool="breakouts">
      {breakouts?.status === 'running' ? <BreakoutOverview state={breakouts} /> : <BreakoutSetup />}
    </PanelSection>
  )
}

function BreakoutSetup() {
  const { t, language } = useI18n()
  const { workshopDoc, board, token, serverNow } = useWorkshop()
  const people = usePeopleOnBoard(useWorkshop().me.id)
  const catalog = useTemplateCatalog()
  const [mode, setMode] = useState<'count' | 'sector'>('count')
  const [count, setCount] = useState('2')
  const [sectors, setSectors] = useState<string[]>([])
  const [templateId, setTemplateId] = useState('')
  const [groups, setGroups] = useState<string[][] | null>(null)
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle')

  const sectorList = useMemo(() => (catalog.kind === 'ready' ? catalog.catalog.sectors : []), [catalog])
  const groupNames = useMemo(
    () =>
      mode === 'sector'
        ? sectors.map((id) => sectorList.find((sector) => sector.id === id)?.names[language.code] ?? id)
        : Array.from({ length: Math.min(20, Math.max(1, Number(count) || 1)) }, (_, i) =>
            t('groupNumber').replace('{n}', String(i + 1)),
          ),
    [mode, sectors, sectorList, count, language.code, t],
  )
  // A new split whenever the groups or the people change; the facilitator can then move people by hand.
  useEffect(() => {
    setGroups(groupNames.length > 0 ? assignRandomly(participantsOf(people), groupNames.length) : null)
  }, [groupNames.length, people])

  async function start() {
    if (!groups || groupNames.length === 0) return
    setState('busy')
    const created = await createBreakoutBoards(board.id, token, groupNames)
    if (!created.ok) return setState('failed')
    const next: BreakoutsState = {
      status: 'running',
      startedAt: serverNow(),
      groups: created.value.boards.map((breakout, index): BreakoutGroup => ({
        boardId: breakout.id,
        name: breakout.title,
        memberIds: groups[index] ?? [],
        ...(mode === 'sector' && sectors[index] ? { sector: sectors[index] } : {}),
        ...(templateId ? { templateId, templateLanguage: language.code } : {}),
      })),
    }
    updateWorkshop(workshopDoc, 'breakouts', () => next)
    setState('idle')
  }

  return (
    <div className="cg-breakout-setup">
      <fieldset>
        <legend>{t('splitPeople')}</legend>
        <label className="cg-check">
          <input type="radio" name="split" checked={mode === 'count'} onChange={() => setMode('count')} />
          {t('splitByCount')}
        </label>
        {mode === 'count' && (
          <label>
            {t('numberOfGroups')}
            <input type="number" min={1} max={20} value={count} onChange={(event) => setCount(event.target.value)} />
          </label>
        )}
        <label className="cg-check">
          <input type="radio" name="split" checked={mode === 'sector'} onChange={() => setMode('sector')} />
          {t('splitBySector')}
        </label>
        {mode === 'sector' && (
          <div className="cg-sector-choices">
            {sectorList.map((sector) => (
              <label key={sector.id} className="cg-check">
                <input
                  type="checkbox"
                  checked={sectors.includes(sector.id)}
                  onChange={(event) =>
                    setSectors((chosen) =>
                      event.target.checked ? [...chosen, sector.id] : chosen.filter((id) => id !== sector.id),
                    )
                  }
                />
                {sector.names[language.code]}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <label>
        {t('breakoutTemplate')}
        <select value={templateId} onChange={(event) => setTemplateId(event.target.value)}>
          <option value="">{t('noTemplate')}</option>
          {catalog.kind === 'ready' &&
            catalog.catalog.templates.map((template) => (
              <option key={template.definition.id} value={template.definition.id}>
                {template.strings[language.code].name}
              </option>
            ))}
        </select>
      </label>
      {groups && groupNames.length > 0 && (
        <table className="cg-assignment">
          <caption>{t('whoGoesWhere')}</caption>
          <tbody>
            {people.length === 0 && (
              <tr>
                <td className="cg-muted">{t('nobodyYet')}</td>
              </tr>
            )}
            {people.map((person) => (
              <tr key={person.id}>
                <th scope="row">
                  <bdi>{person.name}</bdi>
                  {person.role && person.role !== 'editor' && (
                    <span className="cg-muted">
                      {' '}
                      · {t(person.role === 'viewer' ? 'roleViewer' : 'roleFacilitator')}
                    </span>
                  )}
                </th>
                <td>
                  <select
                    aria-label={t('groupOf').replace('{name}', person.name)}
                    value={groups.findIndex((members) => members.includes(person.id))}
                    onChange={(event) => setGroups(movePerson(groups, person.id, Number(event.target.value)))}
                  >
                    <option value={-1}>{t('staysInPlenary')}</option>
                    {groupNames.map((name, index) => (
                      <option key={index} value={index}>
                        {name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="cg-button-row">
        <button type="button" onClick={() => setGroups(assignRandomly(participantsOf(people), groupNames.length))}>
          {t('shuffle')}
        </button>
        <button type="button" disabled={state === 'busy' || groupNames.length === 0} onClick={() => void start()}>
          {state === 'busy' ? t('startingBreakouts') : t('startBreakouts')}
        </button>
      </div>
      {state === 'failed' && (
        <p role="alert" className="cg-error">
          {t('breakoutsFailed')}
        </p>
      )}
    </div>
  )
}

function BreakoutOverview({ state }: { state: BreakoutsState }) {
  const { t } = useI18n()
  const editor = useEditor()
  const codraft = useCodraftContext()
  const { workshopDoc, board, token } = useWorkshop()
  const docs = useRef(new Map<string, Y.Doc>())
  const [bringing, setBringing] = useState<'idle' | 'failed'>('idle')

  async function bringBack() {
    const groups = state.groups.flatMap((group) => {
      const doc = docs.current.get(group.boardId)
      return doc ? [{ boardId: group.boardId, name: group.name, doc }] : []
    })
    if (!codraft || groups.length < state.groups.length) return setBringing('failed')
    // The plenary as it was, in its history, in case the groups' work lands badly. Bringing back goes ahead even
    // if the server could not save it: the facilitator's page must not block on it.
    await saveVersion(board.id, token, { reason: 'before-bring-back' })
    let returnView: BreakoutsState['returnView']
    try {
      const frameIds = bringBackToPlenary(editor, codraft.doc, groups)
      const bounds = Box.Common(frameIds.flatMap((id) => editor.getShapePageBounds(id) ?? []))
      if (frameIds.length > 0) returnView = { pageId: editor.getCurrentPageId(), bounds: bounds.toJson() }
    } catch (error) {
      console.error('Could not bring the breakout work back', error)
      return setBringing('failed')
    }
    updateWorkshop(
      workshopDoc,
      'breakouts',
      (current) => current && { ...current, status: 'ended', ...(returnView ? { returnView } : {}) },
    )
  }

  return (
    <div className="cg-breakout-overview">
      <ul className="cg-breakout-cards">
        {state.groups.map((group) => (
          <BreakoutCard
            key={group.boardId}
            group={group}
            onDoc={(doc) => (doc ? docs.current.set(group.boardId, doc) : docs.current.delete(group.boardId))}
          />
        ))}
      </ul>
      <button type="button" className="cg-primary" onClick={() => void bringBack()}>
        {t('bringBackToPlenary')}
      </button>
      {bringing === 'failed' && (
        <p role="alert" className="cg-error">
          {t('bringBackFailed')}
        </p>
      )}
    </div>
  )
}

function BreakoutCard({ group, onDoc }: { group: BreakoutGroup; onDoc: (doc: Y.Doc | null) => void }) {
  const { t } = useI18n()
  const { token } = useWorkshop()
  const room = useBreakoutRoom(group.boardId, token)
  const doc = room?.synced ? room.doc : null
  useEffect(() => {
    onDoc(doc)
    return () => onDoc(null)
    // `onDoc` is recreated on every render of the overview; only the doc matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc])
  return (
    <li className="cg-breakout-card" data-group={group.name}>
      <h4>
        <bdi>{group.name}</bdi>
      </h4>
      {room?.synced ? (
        <BreakoutThumbnail doc={room.doc} label={t('thumbnailOf').replace('{name}', group.name)} />
      ) : (
        <p role="status" className="cg-muted">
          {t('loadingBoard')}
        </p>
      )}
      <p className="cg-muted">{room && room.people.length > 0 ? room.people.join(', ') : t('nobodyThereYet')}</p>
      <a href={boardLink(group.boardId, token)}>{t('joinGroup').replace('{name}', group.name)}</a>
    </li>
  )
}
