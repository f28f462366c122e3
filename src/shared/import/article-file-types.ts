/**
 * The kinds of file an article can be imported from, by extension.
 *
 * Why: the importer's dispatch, the open dialog's filter, the file chooser's
 * `accept` list, the command line's help and the "unsupported file type"
 * message all name the same extensions. Declared once here, so a format
 * added to the importer is offered everywhere at once.
 */

/** How the importer reads a file of each extension (lower case, with the dot). */
export const ARTICLE_FILE_TYPES = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.mhtml': 'mhtml',
  '.mht': 'mhtml',
} as const

export type ArticleFileExtension = keyof typeof ARTICLE_FILE_TYPES
export type ArticleFileFormat = (typeof ARTICLE_FILE_TYPES)[ArticleFileExtension]

/** Every accepted extension, with its dot, in the order above. */
export const ARTICLE_FILE_EXTENSIONS = Object.keys(ARTICLE_FILE_TYPES) as ArticleFileExtension[]

/** For an `<input type="file" accept>`: the extensions; main decides what it can really read. */
export const ARTICLE_FILE_ACCEPT = ARTICLE_FILE_EXTENSIONS.join(',')

/**
 * The extensions as a person would list them: ".txt, .md, .html, .htm,
 * .xhtml, .docx, .pdf, .mhtml or .mht" (".markdown" is left out as an alias of
 * ".md", to keep the sentence short).
 */
export function describeArticleFileTypes(): string {
  const shown = ARTICLE_FILE_EXTENSIONS.filter((extension) => extension !== '.markdown')
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1] ?? ''}`
}

/** The extensions of web pages: the files an extractor reads (HTML and web archives). */
export const WEB_PAGE_EXTENSIONS = ARTICLE_FILE_EXTENSIONS.filter((extension) => {
  const format: ArticleFileFormat = ARTICLE_FILE_TYPES[extension]
  return format === 'html' || format === 'mhtml'
})

/** Whether a file name has a web page's extension (case-insensitive). */
export function isWebPageFileName(name: string): boolean {
  const lower = name.toLowerCase()
  return WEB_PAGE_EXTENSIONS.some((extension) => lower.endsWith(extension))
}
