import { useState } from 'react'
import { BoardLoadMessage, useBoardLoad } from '../opening/index.ts'
import { loadIdentity, saveIdentity, type Identity } from '../shared/identity.ts'
import { NameDialog } from '../shared/NameDialog.tsx'
import { OutlineBoard } from './OutlineBoard.tsx'

/**
 * The outline page of a board: opened with the same link as the board (its `#token=`), with the same refusals (not
 * found, deleted, link replaced or expired) and the same name prompt, then the board as an outline.
 */
export function OutlinePage({ boardId }: { boardId: string }) {
  const load = useBoardLoad(boardId)
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity())
  const { state } = load
  if (state.kind !== 'ready') return <BoardLoadMessage boardId={boardId} load={load} />
  if (!identity) return <NameDialog onDone={(name) => setIdentity(saveIdentity(name))} />
  return (
    <OutlineBoard
      board={state.board}
      token={load.token}
      identity={identity}
      onGone={load.onGone}
      onRefused={load.onRefused}
    />
  )
}
