import { createContext, useContext } from 'react'
import type { BoardView } from '@cg/contract'
import type { ConnectionStatus } from '../board/connectionStatus.ts'

/** What the bar above the canvas and the main menu show of the board (they render inside tldraw). */
export interface BoardChrome {
  title: string
  status: ConnectionStatus
  /** See ConnectionBadge: how much of a big board is on the canvas yet. */
  opening: number | null
  board: BoardView
  token: string
}
export const BoardChromeContext = createContext<BoardChrome | null>(null)

export function useBoardChrome(): BoardChrome {
  const chrome = useContext(BoardChromeContext)
  if (!chrome) throw new Error('useBoardChrome outside a board')
  return chrome
}
