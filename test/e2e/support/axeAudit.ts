import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best practices. */
export const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** The impacts that fail an audit. */
const FAILING_IMPACTS = new Set(['serious', 'critical'])

/** One element left out of an audit, with why (and the upstream issue that tracks it). */
export interface AuditExclusion {
  /** A CSS selector matching exactly the element(s) left out, nothing wider. */
  selector: string
  reason: string
}

export interface AuditOptions {
  /** Audit only inside these elements (CSS selectors), e.g. an open dialog; the whole page if left out. */
  include?: string[]
  exclude?: AuditExclusion[]
}

/** What a violation says, one element at a time: where it is and what it looks like, so a failure needs no rerun. */
export interface AuditFinding {
  impact: string
  rule: string
  help: string
  /** axe's selector path to the element (through shadow roots and frames, one selector each). */
  target: string
  /** The element's opening HTML, shortened. */
  html: string
  /** axe's summary of what to fix for this element. */
  fix: string
}

const HTML_EXCERPT = 160

function excerpt(html: string): string {
  const flat = html.replace(/\s+/g, ' ').trim()
  return flat.length > HTML_EXCERPT ? `${flat.slice(0, HTML_EXCERPT)}…` : flat
}

/** Puts axe into the page once. Through the debugger, not a script tag: the page's CSP allows no inline script. */
async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(`typeof window.axe === 'object'`)
  if (!present) await page.evaluate(axe.source)
}

/** Runs axe in the page as it is now and returns every violation, element by element, of any impact. */
export async function auditPage(page: Page, options: AuditOptions = {}): Promise<AuditFinding[]> {
  await injectAxe(page)
  const context = {
    ...(options.include ? { include: options.include.map((selector) => [selector]) } : {}),
    exclude: (options.exclude ?? []).map((exclusion) => [exclusion.selector]),
  }
  const results = await page.evaluate(
    ({ context, tags }) =>
      (globalThis as unknown as { axe: typeof axe }).axe.run(context as axe.ElementContext, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    { context, tags: AUDIT_TAGS },
  )
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      impact: node.impact ?? violation.impact ?? 'unknown',
      rule: violation.id,
      help: violation.help,
      target: node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' ⟶ '),
      html: excerpt(node.html),
      fix: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  )
}

/** One line per finding, readable in a test's failure message. */
export function describeFinding(finding: AuditFinding): string {
  return `[${finding.impact}] ${finding.rule} (${finding.help}) at ${finding.target}: ${finding.html} — ${finding.fix}`
}

/**
 * Audits the page (or the parts in `options.include`) and fails the test, naming each element, if any violation is
 * serious or critical. The failure is soft: the test goes on to its other states, and reports every failing one at
 * its end. Lesser findings are printed, so they are seen without failing. `context` names what was audited
 * ("Templates dialog, ar").
 */
export async function expectNoSeriousViolations(page: Page, context: string, options: AuditOptions = {}) {
  const findings = await auditPage(page, options)
  const lesser = findings.filter((finding) => !FAILING_IMPACTS.has(finding.impact))
  if (lesser.length > 0)
    console.info(`${context}: ${lesser.length} lesser finding(s)\n  ${lesser.map(describeFinding).join('\n  ')}`)
  const failing = findings.filter((finding) => FAILING_IMPACTS.has(finding.impact)).map(describeFinding)
  expect.soft(failing, `serious or critical accessibility violations: ${context}`).toEqual([])
}
