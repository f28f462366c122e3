/**
 * The state of the workbench window.
 *
 * Why one store: the library list, the open article, its annotations and
 * the codebook all change together (a new tag recolours highlights and
 * bumps counts), and async actions must read the latest of each when a
 * call to main comes back. State is readonly and replaced, never mutated.
 */
import type {
  AnchoredAnnotation,
  ArticleSummary,
  ArticleVersionView,
  ArticleWithAnnotations,
  CodebookTag,
  EventPayloads,
  ImportReport,
  LibraryInfo,
} from '../../../shared/ipc/contract'
import type { EditableMetaField } from '../../../shared/domain/article'
import { createStore, useStore } from './create-store'

export type ImportProgress = EventPayloads['import:progress']

/** Where the note of the selected annotation stands against what is saved. */
export type NoteSaveState = 'saved' | 'pending' | 'saving' | 'error'

/** The tabs of the right-hand pane. */
export type SideTab = 'annotation' | 'article'

/** What the library pane shows: the articles, or the trash. */
export type LibraryMode = 'articles' | 'trash'

export interface WorkbenchState {
  readonly library: LibraryInfo | null
  readonly articles: readonly ArticleSummary[]
  /** False until the first library listing arrives, so the empty state does not flash. */
  readonly articlesLoaded: boolean
  /** The articles in the trash, most recently trashed first. */
  readonly trash: readonly ArticleSummary[]
  readonly libraryMode: LibraryMode
  /** The article the library list should make active and take focus on (after a trash). */
  readonly listFocusRequest: { readonly articleId: string } | null
  readonly codebook: readonly CodebookTag[]
  /** The article in the reader with its anchored annotations. */
  readonly current: ArticleWithAnnotations | null
  readonly selectedAnnotationId: string | null
  /** An earlier version of the open article, shown read-only in place of its text; null shows the current one. */
  readonly versionView: ArticleVersionView | null
  /** The open article's details are being edited: the field to focus first; null when not editing. */
  readonly editingDetails: EditableMetaField | null
  /** Whether the annotation pane shows the review list (annotations whose passage changed or went). */
  readonly reviewOpen: boolean
  /** Set when a new annotation should take keyboard focus into its tag input. */
  readonly focusTagsFor: string | null
  /** Save state of the note being edited, for the annotation it belongs to. */
  readonly noteSave: { readonly annotationId: string; readonly state: NoteSaveState } | null
  /** An import in flight; `progress` is null until main reports the first file. */
  readonly importing: { readonly progress: ImportProgress | null } | null
  readonly importReport: ImportReport | null
  readonly exportOpen: boolean
  /** Claim statuses to choose from, from settings. */
  readonly claimStatuses: readonly string[]
  readonly sideTab: SideTab
  readonly codebookOpen: boolean
  readonly shortcutsOpen: boolean
  /** The Profile dialog is open. */
  readonly profileOpen: boolean
  /** The "Empty trash" confirmation is open. */
  readonly emptyTrashOpen: boolean
  /** The article the "Paste the text" dialog is open for, or null. */
  readonly pasteTextFor: { readonly articleId: string; readonly title: string } | null
  /**
   * Bumped whenever the open article is reloaded from main (undo, redo, links,
   * tag operations), so editors holding their own copy of a field start over.
   */
  readonly reloadCount: number
  /** A quiet message for the status bar, e.g. what was undone or "Nothing to undo". */
  readonly statusMessage: string | null
}

export const initialWorkbenchState: WorkbenchState = {
  library: null,
  articles: [],
  articlesLoaded: false,
  trash: [],
  libraryMode: 'articles',
  listFocusRequest: null,
  codebook: [],
  current: null,
  selectedAnnotationId: null,
  versionView: null,
  editingDetails: null,
  reviewOpen: false,
  focusTagsFor: null,
  noteSave: null,
  importing: null,
  importReport: null,
  exportOpen: false,
  claimStatuses: [],
  sideTab: 'annotation',
  codebookOpen: false,
  shortcutsOpen: false,
  profileOpen: false,
  emptyTrashOpen: false,
  pasteTextFor: null,
  reloadCount: 0,
  statusMessage: null,
}

export const workbench = createStore<WorkbenchState>(initialWorkbenchState)

/** Read part of the workbench state in a component. */
export function useWorkbench<T>(selector: (state: WorkbenchState) => T): T {
  return useStore(workbench, selector)
}

/** The selected annotation of the open article, if any. */
export function selectedAnnotation(state: WorkbenchState): AnchoredAnnotation | null {
  if (!state.current || !state.selectedAnnotationId) return null
  return state.current.annotations.find((a) => a.id === state.selectedAnnotationId) ?? null
}

/** Whether the library refuses writes. */
export function isReadOnly(state: WorkbenchState): boolean {
  return state.library?.readOnly != null
}

/** Whether a modal (export, codebook, shortcuts, profile, empty trash, paste) has the keyboard. */
export function isModalOpen(state: WorkbenchState): boolean {
  return (
    state.exportOpen ||
    state.codebookOpen ||
    state.shortcutsOpen ||
    state.profileOpen ||
    state.emptyTrashOpen ||
    state.pasteTextFor !== null
  )
}

/** Whether the open article can take new annotations and edits to its text. */
export function canAnnotate(state: WorkbenchState): boolean {
  return (
    state.current !== null &&
    !isReadOnly(state) &&
    state.current.damage === null &&
    state.current.article.trashedAt === null &&
    state.versionView === null
  )
}
