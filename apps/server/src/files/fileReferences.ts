/**
 * Which uploaded files a board's content refers to. A file is shown by an image or video shape through a tldraw asset
 * record, whose `src` is the file's address as uploads give it (ApiRoutes.getAsset). tldraw keeps an asset record
 * when its last shape goes (undo could bring the shape back), so an asset record alone does not keep a file: a shape
 * using it does. Any other record or co-drafted text that names a file's address (a link on a note) keeps it too.
 * Work brought back from a breakout points at the breakout's files, so references are gathered per workshop and
 * answered per board. Whatever is read only ever adds references: when in doubt, a file stays.
 */

/** A file's address, absolute or not: `/api/boards/<board id>/assets/<file id>`. */
const FILE_ADDRESS = /\/api\/boards\/([^/?#\s"'\\]+)\/assets\/([^/?#\s"'\\]+)/g

interface TldrawRecord {
  typeName?: unknown
  props?: { assetId?: unknown }
}

const keyOf = (boardId: string, fileId: string) => `${boardId}/${fileId}`

function decoded(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** Every file address in the strings of `value` (an object of any depth), as `board/file` keys. */
function addressesIn(value: unknown, found: Set<string>): void {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const next = pending.pop()
    if (typeof next === 'string') {
      if (!next.includes('/assets/')) continue
      for (const [, boardId, fileId] of next.matchAll(FILE_ADDRESS))
        found.add(keyOf(decoded(boardId!), decoded(fileId!)))
    } else if (next !== null && typeof next === 'object') {
      pending.push(...Object.values(next))
    }
  }
}

/** The references of one workshop's documents and versions, added as each is read. */
export class FileReferences {
  /** Each asset record's addresses (`board/file`), by the record's id. */
  private readonly assetAddresses = new Map<string, Set<string>>()
  /** Asset records some shape shows. */
  private readonly shownAssets = new Set<string>()
  /** Files named anywhere else. */
  private readonly named = new Set<string>()

  /**
   * Adds records: a document's or a whole version's, or those a version's difference sets (what every version holds
   * is then covered, since each record of a version came whole or in a difference: no chain needs replaying).
   */
  addRecords(records: Readonly<Record<string, unknown>>): void {
    for (const [id, value] of Object.entries(records)) {
      const record = value as TldrawRecord | null
      if (record?.typeName === 'asset') {
        const addresses = new Set<string>()
        // `src`, and any other address it holds (a bookmark's preview image).
        addressesIn(record.props, addresses)
        const known = this.assetAddresses.get(id)
        if (known) for (const address of addresses) known.add(address)
        else this.assetAddresses.set(id, addresses)
        continue
      }
      if (record?.typeName === 'shape' && typeof record.props?.assetId === 'string') {
        this.shownAssets.add(record.props.assetId)
      }
      addressesIn(record, this.named)
    }
  }

  /** Adds co-drafted texts (only a typed address could refer to a file there). */
  addTexts(texts: Readonly<Record<string, string>>): void {
    addressesIn(texts, this.named)
  }

  /** The ids of `boardId`'s files that something refers to. */
  filesOf(boardId: string): Set<string> {
    const prefix = `${boardId}/`
    const files = new Set<string>()
    const add = (address: string) => {
      if (address.startsWith(prefix)) files.add(address.slice(prefix.length))
    }
    for (const address of this.named) add(address)
    for (const assetId of this.shownAssets) for (const address of this.assetAddresses.get(assetId) ?? []) add(address)
    return files
  }
}
