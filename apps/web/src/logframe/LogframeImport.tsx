import { useId, useState } from 'react'
import { useEditor } from 'tldraw'
import type { LogframeProblem } from '@cg/logframe'
import type { Sector, Template } from '@cg/templates'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { insertLogframe } from './insertLogframe.ts'
import { parseLogframeFile } from './logframeFiles.ts'

const PROBLEM_MESSAGES: Record<LogframeProblem['code'], MessageKey> = {
  'no-header': 'lfNoHeader',
  'no-narrative-column': 'lfNoNarrative',
  'bad-level': 'lfBadLevel',
  'empty-level': 'lfEmptyLevel',
  'unknown-sector': 'lfUnknownSector',
  'output-without-sector': 'lfOutputWithoutSector',
  'no-rows': 'lfNoRows',
  'unclosed-quote': 'lfUnclosedQuote',
  'not-xlsx': 'lfNotXlsx',
  'no-sheet': 'lfNoSheet',
}

/** "Import from Excel or CSV" beside the logframe template: a new logframe frame, or the faults, row by row. */
export function LogframeImport(props: { template: Template; sectors: Sector[]; onDone: () => void }) {
  const { t, language } = useI18n()
  const editor = useEditor()
  const id = useId()
  const [state, setState] = useState<{ kind: 'idle' | 'reading' } | { kind: 'refused'; problems: LogframeProblem[] }>({
    kind: 'idle',
  })

  async function read(file: File) {
    setState({ kind: 'reading' })
    const title = props.template.strings[language.code].title ?? file.name
    const parsed = await parseLogframeFile(file, props.sectors, title)
    if (!parsed.ok) return setState({ kind: 'refused', problems: parsed.problems })
    insertLogframe(editor, props.template, parsed.logframe, language.code, props.sectors)
    props.onDone()
  }

  const describe = (problem: LogframeProblem) => {
    const text = t(PROBLEM_MESSAGES[problem.code]).replace('{value}', problem.value ?? '')
    if (problem.row === undefined) return text
    const place = problem.column
      ? t('lfRowColumn').replace('{row}', String(problem.row)).replace('{column}', problem.column)
      : t('lfRow').replace('{row}', String(problem.row))
    return `${place}: ${text}`
  }

  return (
    <div className="cg-logframe-import">
      <label htmlFor={id}>{t('importLogframe')}</label>
      <input
        id={id}
        type="file"
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={state.kind === 'reading'}
        onChange={(event) => {
          const file = event.target.files?.[0]
          if (file) void read(file)
          event.target.value = ''
        }}
      />
      {state.kind === 'reading' && <p role="status">{t('readingFile')}</p>}
      {state.kind === 'refused' && (
        <div role="alert" className="cg-error">
          <p>{t('lfRefused')}</p>
          <ul>
            {state.problems.map((problem, index) => (
              <li key={index}>
                <bdi>{describe(problem)}</bdi>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
