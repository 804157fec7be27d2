import { useState } from 'react'
import { BoardEditor } from './BoardEditor.tsx'
import { loadIdentity, saveIdentity, type Identity } from '../shared/identity.ts'
import { NameDialog } from '../shared/NameDialog.tsx'
import { BoardLoadMessage, useBoardLoad } from '../opening/index.ts'

/** Loads a board's metadata, asks for a display name on first visit, then opens the editor. */
export function BoardPage({ boardId }: { boardId: string }) {
  const load = useBoardLoad(boardId)
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity())
  const { state } = load
  if (state.kind !== 'ready') return <BoardLoadMessage boardId={boardId} load={load} />
  if (!identity) return <NameDialog onDone={(name) => setIdentity(saveIdentity(name))} />
  return (
    <BoardEditor
      board={state.board}
      token={load.token}
      config={state.config}
      identity={identity}
      onGone={load.onGone}
      onRefused={load.onRefused}
    />
  )
}
