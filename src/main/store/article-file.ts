/**
 * Reading an article file (annotations/<id>.json) outside the open path.
 *
 * Why: re-deriving the index after a crash, checking stale figures and
 * rebuilding a lost index all read article files without opening them for
 * writing (no quarantine, no rewrite), and must agree with the open path on
 * what counts as damaged. Records that fail validation are left out here, as
 * they would be when the article is opened.
 */
import { CorruptFileError, readJsonFile } from './durable-file'
import { recordSchemas, shapes, upgradeFile, type ArticleFile } from './files'

export type ArticleFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'damaged'; readonly reason: string }
  | { readonly kind: 'ok'; readonly file: ArticleFile }

/** Read and validate an article file without changing anything on disk. */
export async function readArticleFileQuietly(
  path: string,
  articleId: string,
): Promise<ArticleFileRead> {
  let raw: unknown
  try {
    raw = await readJsonFile(path)
  } catch (error) {
    if (error instanceof CorruptFileError) {
      return {
        kind: 'damaged',
        reason: `${path} is damaged (${error.message.replace(`${path} is `, '')})`,
      }
    }
    return { kind: 'damaged', reason: `${path} cannot be read: ${(error as Error).message}` }
  }
  if (raw === null) return { kind: 'missing' }
  const upgraded = upgradeFile('article', raw)
  if (upgraded.kind === 'newer') {
    return {
      kind: 'damaged',
      reason: `${path} was written by a newer version (schema ${upgraded.version})`,
    }
  }
  if (upgraded.kind === 'invalid') return { kind: 'damaged', reason: `${path}: ${upgraded.reason}` }
  const shape = shapes.article.safeParse(upgraded.data)
  if (!shape.success) return { kind: 'damaged', reason: `${path} has an unexpected shape` }
  const data = shape.data as unknown as ArticleFile
  if (data.articleId !== articleId) {
    return {
      kind: 'damaged',
      reason: `${path} belongs to article ${data.articleId}, not ${articleId}`,
    }
  }
  const annotations = (data.annotations as unknown[]).filter(
    (a) => recordSchemas.article.safeParse(a).success,
  ) as ArticleFile['annotations']
  return { kind: 'ok', file: { ...data, annotations } }
}
