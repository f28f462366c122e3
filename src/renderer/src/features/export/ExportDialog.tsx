import { useEffect, useMemo, useState } from 'react'
import { Editor } from '@monaco-editor/react'
import type { editor as MonacoEditor } from 'monaco-editor'
import {
  BRIEFING_GROUPINGS,
  EXPORT_FORMATS,
  MAX_BRIEFING_INTRODUCTION_LENGTH,
  MAX_BRIEFING_TITLE_LENGTH,
  type BriefingGrouping,
  type BriefingOptions,
  type ExportFormat,
  type ExportSkip,
} from '../../../../shared/ipc/contract'
import { EXPORT_FORMAT_INFO } from '../../../../shared/export/formats'
import { invoke, reportError, request } from '../../api'
import { showToast } from '../../components/toast-store'
import { isModalOpen, useWorkbench, workbench } from '../../state/workbench-store'
import { isSearchActive, useSearch } from '../search/search-actions'
import { useTheme } from '../theme/theme'
import { closeExport, openExport } from './export-actions'
import { TemplatePicker } from './TemplateEditor'
import './export.css'
import { useModalDialog, whenClosed } from '../../components/use-modal-dialog'

/** What to export: the open article, every article, or the articles the search found. */
export type ExportScope = 'article' | 'library' | 'search'

type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'conflict'; readonly message: string }

const PREVIEW_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions = {
  readOnly: true,
  domReadOnly: true,
  // Headless Chromium and some input methods misbehave with EditContext on.
  editContext: false,
  wordWrap: 'on',
  wrappingStrategy: 'advanced',
  ariaLabel: 'Export preview',
  minimap: { enabled: false },
  lineNumbers: 'off',
  glyphMargin: false,
  folding: false,
  lineDecorationsWidth: 8,
  renderLineHighlight: 'none',
  scrollBeyondLastLine: false,
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  fontSize: 12.5,
  lineHeight: 19,
  padding: { top: 8, bottom: 8 },
  automaticLayout: true,
  contextmenu: false,
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
}

/** The format the dialog opens with: the one used last in this session. */
let lastFormat: ExportFormat = 'md'

function rememberFormat(format: ExportFormat): void {
  lastFormat = format
}

/** How long typing in the title or introduction must pause before the preview follows. */
const TYPING_DELAY_MS = 300

const GROUPING_LABELS: Readonly<Record<BriefingGrouping, string>> = {
  article: 'Article',
  tag: 'Tag',
  status: 'Claim status',
}

/** The briefing options as last chosen in this session. */
let lastBriefing: Required<Omit<BriefingOptions, 'title' | 'introduction'>> = {
  // The dialog leaves out articles without annotations: a briefing is for
  // what the analyst found, and the left-out titles are still named in one line.
  skipEmpty: true,
  groupBy: 'article',
  obsidianBlockIds: true,
}

/** Ctrl+E (Cmd+E) opens the dialog, like the menu's Export…. */
function useExportShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      if (event.key.toLowerCase() !== 'e' || isModalOpen(workbench.get())) return
      event.preventDefault()
      openExport()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

/**
 * The export dialog: scope, format, a read-only preview, and Save.
 *
 * A native modal `<dialog>`, so focus stays inside and Escape closes it.
 */
export function ExportDialog() {
  const open = useWorkbench((s) => s.exportOpen)
  const dialogRef = useModalDialog(open)
  useExportShortcut()

  return (
    <dialog
      ref={dialogRef}
      className="export-dialog export-main"
      aria-labelledby="export-title"
      onClose={whenClosed(closeExport)}
    >
      {open && <ExportContent />}
    </dialog>
  )
}

const countFormat = new Intl.NumberFormat('en-US')

function articlesLabel(count: number): string {
  return `${countFormat.format(count)} article${count === 1 ? '' : 's'}`
}

/**
 * The choices, the preview and the save controls.
 *
 * The preview is asked for again whenever the scope or format changes.
 * Saving asks main for a path (a native dialog); when a Markdown file there
 * was edited by hand outside its keep regions, the analyst decides whether
 * to overwrite.
 */
function ExportContent() {
  const article = useWorkbench((s) => s.current?.article ?? null)
  const libraryArticles = useWorkbench((s) => s.articles)
  const searchActive = useSearch(isSearchActive)
  const searchQuery = useSearch((s) => s.resultsFor)
  const searchTotal = useSearch((s) => (isSearchActive(s) ? (s.results?.total ?? 0) : 0))
  const searchReady = useSearch((s) => s.results?.ready ?? true)
  const dark = useTheme((s) => s.theme === 'dark')

  const libraryIds = useMemo(() => libraryArticles.map((a) => a.id), [libraryArticles])
  const hasSearch = searchActive && searchQuery !== '' && searchTotal > 0
  const available: Readonly<Record<ExportScope, boolean>> = {
    article: article !== null,
    library: libraryIds.length > 0,
    search: hasSearch,
  }

  const [scope, setScope] = useState<ExportScope>(() =>
    article ? 'article' : hasSearch ? 'search' : 'library',
  )
  const [format, setFormatState] = useState<ExportFormat>(() => lastFormat)
  const [forSpreadsheets, setForSpreadsheets] = useState(false)
  const [title, setTitle] = useState('')
  const [introduction, setIntroduction] = useState('')
  const [choices, setChoicesState] = useState(() => lastBriefing)
  const setChoices = (patch: Partial<typeof lastBriefing>) => {
    lastBriefing = { ...lastBriefing, ...patch }
    setChoicesState(lastBriefing)
  }
  /** The typed text the preview follows, once typing pauses. */
  const [typed, setTyped] = useState({ title: '', introduction: '' })
  useEffect(() => {
    if (typed.title === title && typed.introduction === introduction) return
    const timer = window.setTimeout(() => setTyped({ title, introduction }), TYPING_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [title, introduction, typed])
  /** Markdown only: a stored template's name; null for the built-in briefing. */
  const [template, setTemplate] = useState<string | null>(null)
  const templateOption = format === 'md' && template !== null ? { template } : {}
  const [preview, setPreview] = useState<{
    readonly key: string
    readonly text: string
    readonly articleCount: number
    readonly skipped: readonly ExportSkip[]
  } | null>(null)
  const [saveFor, setSaveFor] = useState<{ readonly key: string; readonly state: SaveState }>({
    key: '',
    state: { kind: 'idle' },
  })

  const setFormat = (next: ExportFormat) => {
    rememberFormat(next)
    setFormatState(next)
  }

  const articleIds = useMemo(
    () =>
      scope === 'article' ? (article ? [article.id] : []) : scope === 'library' ? libraryIds : [],
    [scope, article, libraryIds],
  )
  /**
   * What the export covers, as main is asked: the articles named, or every
   * article matching the search (main finds them all, not just the pages
   * of results loaded here).
   */
  const target = useMemo(
    (): { readonly articleIds: string[] } | { readonly query: string } | null =>
      scope === 'search'
        ? hasSearch
          ? { query: searchQuery }
          : null
        : articleIds.length > 0
          ? { articleIds }
          : null,
    [scope, hasSearch, searchQuery, articleIds],
  )
  // A search's matches change with the library; its count is part of what the preview is for.
  const targetKey =
    target === null
      ? ''
      : 'query' in target
        ? `query\n${target.query}\n${searchTotal}`
        : `ids\n${target.articleIds.join('\n')}`
  const briefing = useMemo(
    (): BriefingOptions => ({
      ...(typed.title.trim() !== '' ? { title: typed.title } : {}),
      ...(typed.introduction.trim() !== '' ? { introduction: typed.introduction } : {}),
      ...choices,
    }),
    [typed, choices],
  )
  /** What the preview and the save state belong to; a change of scope, format or briefing options starts over. */
  const key = `${format}\n${JSON.stringify(templateOption)}\n${targetKey}${format === 'md' ? `\n${JSON.stringify(briefing)}` : ''}`
  const loading = targetKey !== '' && preview?.key !== key
  const previewText = targetKey === '' ? '' : (preview?.text ?? null)
  const skipped = preview?.key === key ? preview.skipped : []
  const save: SaveState = saveFor.key === key ? saveFor.state : { kind: 'idle' }
  /** The articles the export covers: for a search, exact once the preview has counted them. */
  const count =
    scope === 'search'
      ? preview?.key === key
        ? preview.articleCount
        : searchTotal
      : articleIds.length
  // A complete index counts exactly; while it is being built, main's count (it waits) is needed.
  const counted = scope !== 'search' || preview?.key === key || searchReady

  useEffect(() => {
    if (target === null) return
    let live = true
    const requested = key
    void request('export:preview', {
      ...target,
      format,
      ...templateOption,
      ...(format === 'md' ? { briefing } : {}),
    }).then((value) => {
      if (live)
        setPreview({
          key: requested,
          text: value ? value.text : '',
          articleCount: value?.articleCount ?? 0,
          skipped: value?.skipped ?? [],
        })
    })
    return () => {
      live = false
    }
    // `key` names the target and the format; `target` itself is a new object on every change of it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const runSave = async (overwrite: boolean) => {
    if (target === null) return
    const savingKey = key
    const setSave = (state: SaveState) => setSaveFor({ key: savingKey, state })
    setSave({ kind: 'saving' })
    const result = await invoke('export:save', {
      ...target,
      format,
      ...templateOption,
      ...(format === 'csv' && forSpreadsheets ? { spreadsheet: true } : {}),
      ...(format === 'md' && overwrite ? { overwrite: true } : {}),
      ...(format === 'md' ? { briefing } : {}),
    })
    if (result.ok) {
      setSave({ kind: 'saved', path: result.value.path })
      const left = result.value.skipped.length
      showToast(
        left > 0 ? 'error' : 'info',
        left > 0
          ? `Export saved to ${result.value.path} without ${articlesLabel(left)} that could not be read`
          : `Export saved to ${result.value.path}`,
      )
    } else if (result.error.code === 'conflict' && format === 'md') {
      setSave({ kind: 'conflict', message: result.error.message })
    } else {
      setSave({ kind: 'idle' })
      reportError(result.error)
    }
  }

  const info = EXPORT_FORMAT_INFO[format]
  const scopes: readonly { value: ExportScope; label: string; detail: string }[] = [
    {
      value: 'article',
      label: 'The open article',
      detail: article ? article.title : 'No article is open',
    },
    {
      value: 'library',
      label: 'All articles in the library',
      detail: articlesLabel(libraryIds.length),
    },
    {
      value: 'search',
      label: 'Articles matching the search',
      detail: hasSearch
        ? `“${searchQuery}”: ${
            scope === 'search' && counted
              ? `all ${articlesLabel(count)}`
              : `${articlesLabel(searchTotal)}${searchReady ? '' : ' so far (indexing)'}`
          }`
        : 'No active search with results',
    },
  ]

  return (
    <>
      <header className="dialog-header">
        <h2 id="export-title">Export briefing</h2>
        <p className="dialog-subtitle" data-testid="export-count">
          {counted ? articlesLabel(count) : 'Counting the matching articles…'} as {info.label}
        </p>
      </header>
      <div className="dialog-body export-body">
        <div className="export-choices">
          <fieldset className="export-fieldset">
            <legend className="field-caption">Scope</legend>
            {scopes.map((option) => (
              <label
                key={option.value}
                className={`export-option${available[option.value] ? '' : ' disabled'}`}
              >
                <input
                  type="radio"
                  name="export-scope"
                  value={option.value}
                  checked={scope === option.value}
                  disabled={!available[option.value]}
                  onChange={() => setScope(option.value)}
                />
                <span className="export-option-text">
                  <span className="export-option-label">{option.label}</span>
                  <span className="export-option-detail">{option.detail}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="export-fieldset">
            <legend className="field-caption">Format</legend>
            {EXPORT_FORMATS.map((value) => (
              <label key={value} className="export-option">
                <input
                  type="radio"
                  name="export-format"
                  value={value}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />
                <span className="export-option-text">
                  <span className="export-option-label">{EXPORT_FORMAT_INFO[value].label}</span>
                  <span className="export-option-detail">
                    {EXPORT_FORMAT_INFO[value].description}
                  </span>
                </span>
              </label>
            ))}
            {format === 'csv' && (
              <label className="export-checkbox">
                <input
                  type="checkbox"
                  checked={forSpreadsheets}
                  onChange={(event) => setForSpreadsheets(event.currentTarget.checked)}
                />
                For spreadsheets (Excel, LibreOffice)
              </label>
            )}
            {format === 'md' && (
              <TemplatePicker value={template} onChange={setTemplate} target={target} />
            )}
          </fieldset>
        </div>
        {format === 'md' && (
          <fieldset className="export-fieldset export-briefing">
            <legend className="field-caption">Briefing</legend>
            <label className="export-field export-field-title">
              <span>Title</span>
              <input
                type="text"
                value={title}
                maxLength={MAX_BRIEFING_TITLE_LENGTH}
                placeholder={
                  // The default title: one article's own, else a count (as the export names it).
                  scope === 'article' && article
                    ? article.title
                    : count === 1
                      ? 'The article’s title'
                      : `Briefing: ${articlesLabel(count)}`
                }
                onChange={(event) => setTitle(event.currentTarget.value)}
              />
            </label>
            <label className="export-field export-field-introduction">
              <span>Introduction</span>
              <textarea
                rows={1}
                value={introduction}
                maxLength={MAX_BRIEFING_INTRODUCTION_LENGTH}
                placeholder="Markdown, shown under the title"
                onChange={(event) => setIntroduction(event.currentTarget.value)}
              />
            </label>
            <label className="export-field">
              <span>Group by</span>
              <select
                value={choices.groupBy}
                onChange={(event) => {
                  const value = BRIEFING_GROUPINGS.find((g) => g === event.currentTarget.value)
                  if (value) setChoices({ groupBy: value })
                }}
              >
                {BRIEFING_GROUPINGS.map((value) => (
                  <option key={value} value={value}>
                    {GROUPING_LABELS[value]}
                  </option>
                ))}
              </select>
            </label>
            <span className="export-briefing-checks">
              <label className="export-checkbox">
                <input
                  type="checkbox"
                  checked={choices.skipEmpty}
                  onChange={(event) => setChoices({ skipEmpty: event.currentTarget.checked })}
                />
                Leave out articles without annotations
              </label>
              <label
                className="export-checkbox"
                title="Obsidian ^block ids and callouts; off: anchors that GitHub and other viewers follow"
              >
                <input
                  type="checkbox"
                  checked={choices.obsidianBlockIds}
                  onChange={(event) =>
                    setChoices({ obsidianBlockIds: event.currentTarget.checked })
                  }
                />
                Obsidian block ids
              </label>
            </span>
          </fieldset>
        )}
        {skipped.length > 0 && (
          <section className="export-skipped" role="alert" aria-label="Articles left out">
            <p>
              {articlesLabel(skipped.length)} cannot be read and will be left out of this export:
            </p>
            <ul>
              {skipped.map((skip) => (
                <li key={skip.id} title={skip.reason}>
                  <strong>{skip.title}</strong>: {skip.reason}
                </li>
              ))}
            </ul>
          </section>
        )}
        <div
          className="export-preview-frame"
          data-testid="export-preview"
          data-format={format}
          data-loading={loading ? 'true' : undefined}
          aria-busy={loading}
        >
          {loading && previewText !== null && (
            <p className="export-preview-updating" aria-hidden="true">
              Updating…
            </p>
          )}
          {previewText === null ? (
            <p className="empty-hint">Preparing the preview…</p>
          ) : (
            <Editor
              height="100%"
              language={format === 'md' ? 'markdown' : 'plaintext'}
              value={previewText}
              theme={dark ? 'vs-dark' : 'vs'}
              loading={<p className="empty-hint">Loading the preview…</p>}
              options={PREVIEW_OPTIONS}
            />
          )}
        </div>
      </div>
      <footer className="dialog-footer">
        <p className="dialog-status" role="status">
          {save.kind === 'saving' && 'Saving…'}
          {save.kind === 'saved' && `Saved to ${save.path}`}
          {save.kind === 'conflict' && save.message}
        </p>
        {save.kind === 'conflict' && (
          <button type="button" className="button danger" onClick={() => void runSave(true)}>
            Overwrite
          </button>
        )}
        <button
          type="button"
          className="button primary"
          disabled={loading || target === null || count === 0 || save.kind === 'saving'}
          onClick={() => void runSave(false)}
        >
          Save…
        </button>
        <button type="button" className="button" onClick={closeExport}>
          Close
        </button>
      </footer>
    </>
  )
}
