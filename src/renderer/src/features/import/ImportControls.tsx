import type { ChangeEvent } from 'react'
import { ARTICLE_FILE_ACCEPT } from '../../../../shared/import/article-file-types'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { AnnotationImport } from './AnnotationImport'
import { importFileList, importPicked, openSampleLibrary } from './import-actions'

/** Accepted in the file chooser; main decides what it can really read. */
const ACCEPT = ARTICLE_FILE_ACCEPT

/** The header's import buttons: the native picker, a file-input fallback, and the samples. */
export function ImportControls() {
  const busy = useWorkbench((s) => s.importing !== null)
  const readOnly = useWorkbench(isReadOnly)
  const empty = useWorkbench((s) => s.articlesLoaded && s.articles.length === 0)
  const disabled = busy || readOnly

  const onFilesChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])]
    // Clear the input so choosing the same file again still fires a change.
    event.currentTarget.value = ''
    void importFileList(files)
  }

  return (
    <div className="toolbar" role="group" aria-label="Import">
      <button
        type="button"
        className="button primary"
        disabled={disabled}
        onClick={() => void importPicked()}
      >
        Import…
      </button>
      <label className={`button${disabled ? ' disabled' : ''}`}>
        Choose files…
        <input
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden"
          disabled={disabled}
          data-testid="import-file-input"
          onChange={onFilesChosen}
        />
      </label>
      {!empty && <AnnotationImport disabled={disabled} />}
      {empty && (
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => void openSampleLibrary()}
        >
          Open sample library
        </button>
      )}
    </div>
  )
}
