import type { Article } from '../../../../shared/domain/article'
import type { ArticleVersionView } from '../../../../shared/ipc/contract'
import { useWorkbench } from '../../state/workbench-store'
import { showCurrentVersion, showVersion } from './version-actions'
import { versionOption } from './version-words'
import './versions.css'

interface VersionPickerProps {
  readonly article: Article
  /** The current version as main describes it, with every version; null while it loads. */
  readonly info: ArticleVersionView | null
}

/** "Version N of M": a native select of every version kept; an earlier one opens read-only. */
export function VersionPicker({ article, info }: VersionPickerProps) {
  const versionView = useWorkbench((s) => s.versionView)
  const versions = versionView?.versions ?? info?.versions ?? null
  const count = versions?.length ?? article.versionCount
  const shown = versionView ? versionView.number - 1 : count - 1
  return (
    <label className="version-picker">
      <span className="visually-hidden">Version of the text</span>
      <select
        className="version-select"
        value={shown}
        disabled={versions === null}
        onChange={(e) => {
          const index = Number(e.currentTarget.value)
          const version = versions?.[index]
          if (!version) return
          if (index === count - 1) showCurrentVersion()
          else void showVersion(article.id, version.contentHash)
        }}
      >
        {versions === null ? (
          <option value={shown}>{`Version ${count} of ${count} (current)`}</option>
        ) : (
          versions.map((v, i) => (
            <option key={`${v.contentHash}-${i}`} value={i}>
              {versionOption(versions, i)}
            </option>
          ))
        )}
      </select>
    </label>
  )
}
