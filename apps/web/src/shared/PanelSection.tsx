import { useId, type ReactNode } from 'react'

interface PanelSectionProps {
  /** The section's heading, which also names it for screen readers. */
  title: string
  /** The tool a "show me" link focuses (`data-tool`): such a section takes focus from script, not from Tab. */
  tool?: string
  className?: string
  children: ReactNode
}

/** One section of the facilitator's panel: a region named by its own heading. */
export function PanelSection({ title, tool, className, children }: PanelSectionProps) {
  const headingId = useId()
  return (
    <section
      aria-labelledby={headingId}
      className={className ? `cg-fac-section ${className}` : 'cg-fac-section'}
      data-tool={tool}
      tabIndex={tool ? -1 : undefined}
    >
      <h3 id={headingId}>{title}</h3>
      {children}
    </section>
  )
}
