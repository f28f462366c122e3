/**
 * CSV export: one row per annotation, for spreadsheets and scripts.
 *
 * Why: analysts sort, filter and count claims in a spreadsheet, and scripts
 * read the same file, so the output follows RFC 4180 exactly (CRLF record
 * ends, fields quoted when they hold `"`, `,`, CR or LF, quotes doubled) and
 * is deterministic: articles in the order given, annotations in document
 * order. The function is pure.
 */
import type { Annotation } from '../domain/annotation'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  claimFieldText,
  isOmitted,
  type ClaimFieldName,
} from '../domain/claim-fields'
import { articleSite, inDocumentOrder, type BriefingArticle } from './markdown'

/** The columns before the claim's: the article, then the passage. */
const LEADING_COLUMNS = [
  'article_id',
  'article_title',
  'article_url',
  'source',
  'published_at',
  'article_tags',
  'annotation_id',
  'kind',
  'quote',
  'tags',
] as const
/** The columns after the claim's. */
const TRAILING_COLUMNS = ['note', 'created_at', 'updated_at'] as const

/** Each claim field's column, from its declaration, in declaration order. */
const CLAIM_COLUMNS: readonly (readonly [ClaimFieldName, string])[] = CLAIM_FIELD_NAMES.flatMap(
  (name) => {
    const column = CLAIM_FIELDS[name].csv
    return isOmitted(column) ? [] : [[name, column] as const]
  },
)

/** The columns, in order; the first record of every export is this header. */
export const CSV_COLUMNS: readonly string[] = [
  ...LEADING_COLUMNS,
  ...CLAIM_COLUMNS.map(([, column]) => column),
  ...TRAILING_COLUMNS,
]

/** How several tags share one cell. */
export const CSV_TAG_SEPARATOR = '; '

/** The record separator RFC 4180 prescribes. */
const CRLF = '\r\n'

/** The UTF-8 byte order mark; Excel needs it to read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF'

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so spreadsheet tools detect the encoding. */
  readonly bom?: boolean
}

/**
 * Make a cell's text safe to open in a spreadsheet.
 *
 * Formula injection: Excel, LibreOffice and Google Sheets run a cell that
 * starts with `=`, `+`, `-` or `@` as a formula (and some also after a
 * leading tab or CR), so a hostile quote like `=HYPERLINK("http://evil",…)`
 * in an article would become live when the analyst opens the export. Such a
 * cell gets a leading `'`, which spreadsheets treat as "this is text" and
 * do not show. The cost is a visible `'` for scripts reading the raw file
 * (e.g. before a negative number); that is the usual OWASP trade-off.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value
}

/** Quote one field per RFC 4180: only when needed, doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value
}

/** One record: neutralised, quoted fields joined by commas (no terminator). */
export function csvRecord(values: readonly string[]): string {
  return values.map((v) => csvField(neutraliseFormula(v))).join(',')
}

function annotationRow(entry: BriefingArticle, annotation: Annotation): string[] {
  const { article } = entry
  const claim = annotation.kind === 'claim' ? annotation.claim : null
  const leading: Record<(typeof LEADING_COLUMNS)[number], string> = {
    article_id: article.id,
    article_title: article.title,
    article_url: article.url ?? '',
    source: articleSite(article) ?? '',
    published_at: article.publishedAt ?? '',
    article_tags: article.tags.join(CSV_TAG_SEPARATOR),
    annotation_id: annotation.id,
    kind: annotation.kind,
    quote: annotation.target.quote.exact,
    tags: annotation.tags.join(CSV_TAG_SEPARATOR),
  }
  const trailing: Record<(typeof TRAILING_COLUMNS)[number], string> = {
    note: annotation.note,
    created_at: annotation.createdAt,
    updated_at: annotation.updatedAt,
  }
  return [
    ...LEADING_COLUMNS.map((column) => leading[column]),
    ...CLAIM_COLUMNS.map(([name]) => (claim === null ? '' : claimFieldText(claim, name))),
    ...TRAILING_COLUMNS.map((column) => trailing[column]),
  ]
}

/**
 * Render annotations as CSV: a header, then one record per annotation.
 *
 * Every record, the last included, ends with CRLF. Line breaks inside a
 * quote or note are kept as they are, inside a quoted field.
 */
export function exportCsv(articles: readonly BriefingArticle[], options: CsvOptions = {}): string {
  const records = [csvRecord(CSV_COLUMNS)]
  for (const entry of articles) {
    for (const annotation of inDocumentOrder(entry.annotations)) {
      records.push(csvRecord(annotationRow(entry, annotation)))
    }
  }
  return `${options.bom === true ? UTF8_BOM : ''}${records.join(CRLF)}${CRLF}`
}
