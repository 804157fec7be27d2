import type { OutlineVoting } from './workshop/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'

/**
 * During a sticker vote, on an item of the vote: place a sticker on it, or take one back, each button naming the
 * item, with how many stickers this person has left. Nothing when the item is not in the open vote.
 */
export function StickerButtons(props: { voting: OutlineVoting; itemId: string; itemName: string }) {
  const { voting, itemId, itemName } = props
  const { t, language } = useI18n()
  const open = voting.open
  if (!open || !open.itemIds.includes(itemId)) return null
  const mine = voting.mine(itemId)
  return (
    <div className="cg-outline-buttons cg-outline-stickers">
      {/* Not disabled when no sticker may go on: a disabled button would drop the keyboard's focus. */}
      <button
        type="button"
        aria-disabled={!voting.canPlace(itemId)}
        onClick={() => voting.canPlace(itemId) && voting.place(itemId)}
      >
        {t('placeStickerOn').replace('{item}', itemName)}
      </button>
      {mine > 0 && (
        <button type="button" onClick={() => voting.take(itemId)}>
          {t('removeStickerFrom').replace('{item}', itemName)}
        </button>
      )}
      <p role="status" className="cg-muted">
        {mine > 0 && `${plural(language.code, 'outlineYourStickers', mine)} · `}
        {plural(language.code, 'stickersLeft', voting.left, { total: open.votesPerPerson })}
      </p>
    </div>
  )
}
