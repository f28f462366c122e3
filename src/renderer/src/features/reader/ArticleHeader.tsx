/**
 * The reader's header: the article's details (title, source, byline,
 * published date, language, URL), the actions on the whole article (edit
 * details, replace its text, read the page again or paste the text, pick a
 * version, move it to the trash), and the banners that say what state it
 * is in (trashed, damaged, "check this import").
 *
 * Why the details are marked where corrected: the extracted values are
 * evidence too, so a correction shows an "edited" mark that names the
 * extracted value and leads to the editor, where it can be put back.
 */
import type { ArticleVersion, EditableMetaField } from '../../../../shared/domain/article'
import type { ArticleWithAnnotations } from '../../../../shared/ipc/contract'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { DetailsEditor } from '../article-details/DetailsEditor'
import { editDetails } from '../article-details/article-details-actions'
import {
  extractedText,
  fieldLabel,
  formatPublished,
  languageName,
} from '../article-details/meta-form'
import { moveToTrash } from '../trash/trash-actions'
import { TrashedBanner } from '../trash/TrashedBanner'
import { ReplaceTextButton } from '../versions/ReplaceTextButton'
import { TextCorrectionButtons } from '../versions/TextCorrectionButtons'
import { useVersionInfo } from '../versions/use-version-info'
import { VersionPicker } from '../versions/VersionPicker'
import { ArticleDamageBanner } from './ArticleDamageBanner'
import { ImportWarningBanner } from './ImportWarningBanner'

export const EDIT_DETAILS_BUTTON_ID = 'edit-details-button'

export function ArticleHeader({ current }: { current: ArticleWithAnnotations }) {
  const { article } = current
  const editing = useWorkbench((s) => s.editingDetails)
  const readOnly = useWorkbench(isReadOnly)
  const info = useVersionInfo(article)
  const extracted = info?.version ?? null
  const trashed = article.trashedAt !== null
  const mark = (field: EditableMetaField) =>
    article.edited.includes(field) ? <EditedMark field={field} extracted={extracted} /> : null

  return (
    <header className="article-header">
      {editing !== null ? (
        <>
          <h1 id="article-title" className="visually-hidden">
            {article.title}
          </h1>
          <DetailsEditor article={article} extracted={extracted} focusField={editing} />
        </>
      ) : (
        <>
          <div className="article-title-row">
            <h1 id="article-title" onDoubleClick={() => !readOnly && editDetails('title')}>
              {article.title}
            </h1>
            {mark('title')}
          </div>
          <p className="article-source-line" data-testid="source-line">
            <span onDoubleClick={() => !readOnly && editDetails('source')}>
              {article.source ?? 'Unknown source'}
            </span>
            {mark('source')}
            {article.byline && (
              <>
                {' · '}
                <span>{article.byline}</span>
              </>
            )}
            {mark('byline')}
            {article.publishedAt && (
              <>
                {' · '}
                <time dateTime={article.publishedAt}>{formatPublished(article.publishedAt)}</time>
              </>
            )}
            {mark('publishedAt')}
            {article.language && (
              <>
                {' · '}
                <span lang="en" title={`Language: ${article.language}`}>
                  {languageName(article.language)}
                </span>
              </>
            )}
            {mark('language')}
            {` · ${article.wordCount} words`}
          </p>
          {(article.url || article.edited.includes('url')) && (
            <p className="article-url">
              <span className="visually-hidden">URL: </span>
              <span className="article-url-text" title={article.url ?? undefined}>
                {article.url ?? 'No URL'}
              </span>
              {mark('url')}
            </p>
          )}
          <div className="article-actions" role="group" aria-label="Article actions">
            <button
              type="button"
              id={EDIT_DETAILS_BUTTON_ID}
              className="button small"
              disabled={readOnly}
              aria-keyshortcuts="E"
              onClick={() => editDetails()}
            >
              Edit details <kbd>E</kbd>
            </button>
            <ReplaceTextButton
              articleId={article.id}
              disabled={readOnly || trashed || current.damage !== null}
            />
            {article.importWarning === null && (
              <TextCorrectionButtons
                article={article}
                disabled={readOnly || trashed || current.damage !== null}
              />
            )}
            {article.versionCount > 1 && <VersionPicker article={article} info={info} />}
            {!trashed && (
              <button
                type="button"
                className="button small danger article-trash"
                disabled={readOnly}
                title="Move this article to the trash (Delete in the library list)"
                onClick={() => void moveToTrash(article.id)}
              >
                Move to trash
              </button>
            )}
          </div>
        </>
      )}
      {article.trashedAt !== null && (
        <TrashedBanner articleId={article.id} trashedAt={article.trashedAt} />
      )}
      {article.importWarning !== null && (
        <ImportWarningBanner
          article={article}
          reason={article.importWarning}
          disabled={trashed || current.damage !== null}
        />
      )}
      {current.damage !== null && (
        <ArticleDamageBanner
          articleId={article.id}
          damage={current.damage}
          annotationCount={current.annotations.length}
        />
      )}
      {article.titleDerived && !article.edited.includes('title') && (
        <p className="article-note">Title taken from the first sentence; the file had none.</p>
      )}
      {article.citations.length > 0 && (
        <section className="article-citations" aria-label="Cited sources">
          <h2>Cited sources</h2>
          <ul>
            {article.citations.map((citation, i) => (
              <li key={`${citation}-${i}`}>{citation}</li>
            ))}
          </ul>
        </section>
      )}
    </header>
  )
}

/**
 * "edited" beside a corrected detail. Its tooltip and accessible name say
 * what was extracted; pressing it opens the editor on that field, where the
 * extracted value can be put back.
 */
function EditedMark({
  field,
  extracted,
}: {
  field: EditableMetaField
  extracted: ArticleVersion | null
}) {
  const label = fieldLabel(field)
  const was = extracted ? ` Extracted: ${extractedText(extracted[field])}.` : ''
  return (
    <button
      type="button"
      className="edited-mark"
      data-field={field}
      title={`${label} corrected by you.${was} Press to edit or restore it.`}
      aria-label={`${label} edited.${was} Edit or restore it`}
      onClick={() => editDetails(field)}
    >
      edited
    </button>
  )
}
