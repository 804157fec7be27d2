import { useEffect, useId, useRef, useState } from 'react'
import { TldrawUiDialogBody, TldrawUiDialogFooter } from 'tldraw'
import { cancelExport, exportFileUrl, fetchExport, startExport } from '../shared/api.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { fileNameOf, saveFile } from '../shared/saveFile.ts'
import { ApiErrorCode, DEFAULT_PRINT_OPTIONS, type BoardRole, type PrintOptions } from '@cg/contract'
import { DialogHeader } from '../shared/DialogHeader.tsx'

type ExportState =
  | { kind: 'choosing' }
  | { kind: 'running'; jobId: string; done: number; total: number }
  | { kind: 'failed'; message: MessageKey }
  | { kind: 'done' }

/**
 * What to do when the server has no room for another export: participants' exports have a share of their own, so a
 * participant waits for theirs or asks the facilitator, and a facilitator (refused only by facilitators' exports)
 * tries again in a minute.
 */
const tooManyExportsMessage = (role: BoardRole): MessageKey =>
  role === 'facilitator' ? 'tooManyExports' : 'tooManyExportsParticipant'

/** Options, then progress with a Cancel button, then the download: the server renders the PDF (or the report's DOCX). */
export function ExportPdfDialog(props: { boardId: string; token: string; role: BoardRole; onClose: () => void }) {
  const { t, language } = useI18n()
  const id = useId()
  const [options, setOptions] = useState<PrintOptions>(DEFAULT_PRINT_OPTIONS)
  const [state, setState] = useState<ExportState>({ kind: 'choosing' })
  const active = useRef<string | null>(null)

  // Closing the dialog mid-way cancels the render on the server.
  useEffect(
    () => () => {
      if (active.current) void cancelExport(active.current)
    },
    [],
  )

  async function start() {
    // A Word document is of the report only: the format choice shows only with the report.
    const format = options.report ? options.format : 'pdf'
    const started = await startExport(props.boardId, props.token, { ...options, format, lang: language.code })
    if (!started.ok) {
      const message: MessageKey =
        started.code === ApiErrorCode.pdfUnavailable
          ? 'pdfUnavailable'
          : started.code === ApiErrorCode.tooManyExports
            ? tooManyExportsMessage(props.role)
            : 'pdfFailed'
      return setState({ kind: 'failed', message })
    }
    const jobId = started.value.id
    active.current = jobId
    setState({ kind: 'running', jobId, done: 0, total: 0 })
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      if (active.current !== jobId) return
      const polled = await fetchExport(jobId)
      const status = polled.ok ? polled.value : null
      if (!status || status.status === 'failed') {
        active.current = null
        return setState({ kind: 'failed', message: 'pdfFailed' })
      }
      if (status.status === 'cancelled') return
      if (status.status === 'done') break
      setState({ kind: 'running', jobId, done: status.done, total: status.total })
    }
    active.current = null
    const file = await fetch(exportFileUrl(jobId)).catch(() => null)
    if (!file?.ok) return setState({ kind: 'failed', message: 'pdfFailed' })
    saveFile(await file.blob(), fileNameOf(file, `board.${format}`))
    setState({ kind: 'done' })
  }

  function cancel() {
    if (state.kind !== 'running') return
    active.current = null
    void cancelExport(state.jobId)
    setState({ kind: 'choosing' })
  }

  return (
    <>
      <DialogHeader title={t(options.report ? 'exportReportTitle' : 'exportPdfTitle')} />
      <TldrawUiDialogBody className="cg-export-body">
        <p className="cg-muted">{t(options.report ? 'exportReportHelp' : 'exportPdfHelp')}</p>
        <fieldset disabled={state.kind === 'running'}>
          <label htmlFor={`${id}-paper`}>{t('paperSize')}</label>{' '}
          <select
            id={`${id}-paper`}
            value={options.paper}
            onChange={(event) => setOptions({ ...options, paper: event.target.value as PrintOptions['paper'] })}
          >
            <option value="a4">A4</option>
            <option value="letter">Letter</option>
          </select>{' '}
          <label htmlFor={`${id}-orientation`}>{t('orientation')}</label>{' '}
          <select
            id={`${id}-orientation`}
            value={options.orientation}
            onChange={(event) =>
              setOptions({ ...options, orientation: event.target.value as PrintOptions['orientation'] })
            }
          >
            <option value="landscape">{t('landscape')}</option>
            <option value="portrait">{t('portrait')}</option>
          </select>
          <label className="cg-check">
            <input
              type="checkbox"
              checked={options.report}
              onChange={(event) => setOptions({ ...options, report: event.target.checked })}
            />{' '}
            {t('workshopReport')}
          </label>
          {options.report ? (
            <p>
              <label htmlFor={`${id}-format`}>{t('exportFormat')}</label>{' '}
              <select
                id={`${id}-format`}
                value={options.format}
                onChange={(event) => setOptions({ ...options, format: event.target.value as PrintOptions['format'] })}
              >
                <option value="pdf">{t('exportFormatPdf')}</option>
                <option value="docx">{t('exportWord')}</option>
              </select>
            </p>
          ) : (
            <label className="cg-check">
              <input
                type="checkbox"
                checked={options.overview}
                onChange={(event) => setOptions({ ...options, overview: event.target.checked })}
              />{' '}
              {t('overviewPage')}
            </label>
          )}
        </fieldset>
        {state.kind === 'running' && (
          <p role="status">
            {state.total > 0
              ? t('renderingPages').replace('{done}', String(state.done)).replace('{total}', String(state.total))
              : t('preparingPdf')}{' '}
            <progress max={state.total || 1} value={state.total ? state.done : undefined} aria-label={t('exportPdf')} />
          </p>
        )}
        {state.kind === 'done' && <p role="status">{t('pdfReady')}</p>}
        {state.kind === 'failed' && (
          <p role="alert" className="cg-error">
            {t(state.message)}
          </p>
        )}
      </TldrawUiDialogBody>
      <TldrawUiDialogFooter className="cg-dialog-footer">
        {state.kind === 'running' ? (
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        ) : (
          <button type="button" onClick={() => void start()}>
            {options.report && options.format === 'docx' ? t('exportWordButton') : t('exportPdf')}
          </button>
        )}
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </TldrawUiDialogFooter>
    </>
  )
}
