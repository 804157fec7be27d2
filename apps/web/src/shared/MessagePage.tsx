import type { ReactNode } from 'react'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx'

/** A full-page message: loading, not found, failures. */
export function MessagePage({ title, children, busy }: { title: string; children?: ReactNode; busy?: boolean }) {
  return (
    <div className="cg-page cg-centered">
      <main className="cg-card" aria-busy={busy ?? false}>
        <div role={busy ? 'status' : undefined}>
          <h1>{title}</h1>
        </div>
        {children}
        <LanguageSwitcher />
      </main>
    </div>
  )
}
