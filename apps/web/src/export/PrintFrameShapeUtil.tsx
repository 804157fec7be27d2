import type { TLShape } from 'tldraw'
import { LocalisedFrameShapeUtil } from '../board/shapes/LocalisedScaffold.tsx'

/**
 * Frames as the report's pictures draw them: a note that sticks out of its frame is printed whole (on the board
 * a frame clips what overflows it, and a clipped note in a report loses words).
 */
export class PrintFrameShapeUtil extends LocalisedFrameShapeUtil {
  override shouldClipChild(_child: TLShape): boolean {
    return false
  }
}
