import { describe, expect, it } from 'vitest'
import { SqliteStorage } from '@cg/storage'
import { currentTokens, grantFor, issueAccess, linksFor, roleOfToken, rotateAccess } from './boardAccess.ts'
import { issueInternalViewerToken, isInternalViewerToken, revokeInternalViewerToken } from './internalTokens.ts'

describe('board access', () => {
  it('opens each role with its own token, and nothing with any other', () => {
    const { access, tokens } = issueAccess()
    expect(roleOfToken(access, tokens.facilitator)).toBe('facilitator')
    expect(roleOfToken(access, tokens.editor)).toBe('editor')
    expect(roleOfToken(access, tokens.viewer)).toBe('viewer')
    const other = issueAccess().tokens
    for (const token of [undefined, '', 'short', other.facilitator, other.editor, `${tokens.editor}x`]) {
      expect(roleOfToken(access, token)).toBeUndefined()
    }
  })

  it('stores hashes, never the tokens themselves', () => {
    const { access, tokens } = issueAccess()
    const stored = JSON.stringify({ ...access, hashes: [access.facilitatorHash, access.editorHash] })
    for (const token of Object.values(tokens)) expect(stored).not.toContain(token)
    expect(access.facilitatorHash.byteLength).toBe(32)
  })

  it('rotates the participant and viewer links, keeping the facilitator’s', () => {
    const before = issueAccess()
    const after = rotateAccess(before.tokens.facilitator)
    expect(after.tokens.facilitator).toBe(before.tokens.facilitator)
    expect(roleOfToken(after.access, before.tokens.editor)).toBeUndefined()
    expect(roleOfToken(after.access, before.tokens.viewer)).toBeUndefined()
    expect(roleOfToken(after.access, after.tokens.editor)).toBe('editor')
    // The facilitator is shown the current links again from the stored salt alone.
    expect(currentTokens(after.access, before.tokens.facilitator)).toEqual(after.tokens)
  })

  it('puts the secret in the fragment of each link, never in the path', () => {
    const { tokens } = issueAccess()
    const links = linksFor('AAAAAAAAAAAAAAAAAAAAAA', tokens)
    expect(links.editor).toBe(`/b/AAAAAAAAAAAAAAAAAAAAAA#token=${tokens.editor}`)
    expect(Object.keys(links).sort()).toEqual(['editor', 'facilitator', 'viewer'])
  })

  it('knows internal viewer tokens only while they are issued, and only for their own workshop', () => {
    const token = issueInternalViewerToken('plenary-a')
    expect(isInternalViewerToken(token, 'plenary-a')).toBe(true)
    expect(isInternalViewerToken(token, 'plenary-b')).toBe(false)
    revokeInternalViewerToken(token)
    expect([isInternalViewerToken(token, 'plenary-a'), isInternalViewerToken(undefined, 'plenary-a')]).toEqual([
      false,
      false,
    ])
  })
})

describe('the renderer’s internal token', () => {
  it('opens its own workshop (plenary and breakouts) as a viewer, and no other board', async () => {
    const storage = new SqliteStorage(':memory:')
    const board = (id: string, parentId: string | null = null) => ({ id, title: id, createdAt: 1, parentId })
    const [a, b] = ['A'.repeat(22), 'B'.repeat(22)]
    const breakout = 'C'.repeat(22)
    await storage.createBoard(board(a), issueAccess().access)
    await storage.createBoard(board(b), issueAccess().access)
    await storage.createBoard(board(breakout, a))
    const token = issueInternalViewerToken(a)
    try {
      expect(await grantFor(storage, a, token)).toMatchObject({ kind: 'granted', role: 'viewer' })
      expect(await grantFor(storage, breakout, token)).toMatchObject({ kind: 'granted', role: 'viewer' })
      expect(await grantFor(storage, b, token)).toEqual({ kind: 'unauthorized' })
    } finally {
      revokeInternalViewerToken(token)
      await storage.close()
    }
  })
})
