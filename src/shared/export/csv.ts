/**
 * CSV export: one row per annotation, for spreadsheets and scripts.
 *
 * Why: analysts sort, filter and count claims in a spreadsheet, and scripts
 * read the same file, so the output follows RFC 4180 exactly (CRLF record
 * ends, fields quoted when they hold `"`, `,`, CR or LF, quotes doubled) and
 * is deterministic: articles in the order given, annotations in document
 * order. The function is pure.
 *
 * Two forms, because no single file reads right everywhere:
 * - plain (the default), for scripts: every value exactly as stored (pandas
 *   and R read it back unchanged), except the formula guard below;
 * - `spreadsheet`, for Excel and LibreOffice Calc: a byte order mark (Excel
 *   needs it for UTF-8) and every value a spreadsheet would coerce written as
 *   the text formula `="…"`. Checked on this exporter's output with
 *   LibreOffice Calc 7.4 (headless conversion to .fods, cell types read from
 *   the XML): plain, `007` becomes the number 7, `2024-03-18` a date, `1.50`
 *   1.5 and a 19-digit number loses its last digits, and with "Detect
 *   special numbers" `false` becomes a truth value, `1/2` and `Jan 5` dates,
 *   `3 PM` a time and `50%` a percentage; in the spreadsheet form every one
 *   of them is a text cell showing the value as written. A quoted field
 *   (`"007"`) is a number unless "Quoted field as text" is ticked, and a
 *   leading `'` is shown, so neither keeps text. Excel opens a CSV without
 *   asking and coerces the same kinds of value; `="007"` is the widely
 *   documented way to keep text there. The cost: with Calc's "Evaluate
 *   formulas" unticked the cell shows `="007"` literally.
 *
 * Formula guard, in both forms (OWASP "CSV Injection"): a cell is dangerous
 * when, after leading whitespace or control characters, it starts with `=`,
 * or with `+`, `-` or `@` followed by a formula character
 * `( ) ! | & " = ; { }` (a call, a DDE link `cmd|' /C calc'!A0`, a
 * concatenation). A dangerous cell gets a leading `'`. Harmless text such as
 * `-1 point`, `- bullet note`, `-2%` or `+1 555 0100` is left alone: it can
 * call nothing. (Calc 7.4 evaluates only cells starting with `=`; Excel also
 * tries `+`, `-` and `@`.)
 */
import type { Annotation } from '../domain/annotation'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  claimFieldText,
  isOmitted,
  type ClaimFieldName,
  type ClaimLink,
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

/** A claim link resolved to words, e.g. `«statement» (Article title)`; null when unknown. */
export type CsvLinkResolver = (link: ClaimLink) => { readonly label: string } | null

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so spreadsheet tools detect the encoding. */
  readonly bom?: boolean
  /**
   * Write for spreadsheets (Excel, LibreOffice Calc): a byte order mark, and
   * every cell a spreadsheet would turn into a number, date, percentage or
   * truth value written as a text formula `="…"` (see {@link spreadsheetCell}).
   */
  readonly spreadsheet?: boolean
  /** Name a linked claim (same signature as the Markdown briefing's); links show ids without it. */
  readonly resolveLink?: CsvLinkResolver
}

/** Characters that make a cell starting with `+`, `-` or `@` a formula that can do harm. */
const FORMULA_CHARACTERS = /[()!|&"=;{}]/u

/**
 * Whether a cell would run as a harmful formula in a spreadsheet.
 *
 * Dangerous: after any leading whitespace or control characters (TAB, CR,
 * LF, NUL — some tools trim them, then see what follows), a cell that
 * starts with `=`, or with `+`, `-` or `@` followed by text holding a
 * formula character (`( ) ! | & " = ; { }`): a function call, a DDE call
 * (`cmd|' /C calc'!A0`), a string or a concatenation. Harmless and left as
 * written: `-1 point`, `+1 555 0100`, `- bullet note`, `-2%`, `@handle`,
 * which at worst show as an error in Excel, never call anything.
 */
export function isDangerousCell(value: string): boolean {
  const start = value.replace(/^[\s\0]+/u, '')
  if (start.startsWith('=')) return true
  if (!/^[+\-@]/u.test(start)) return false
  return FORMULA_CHARACTERS.test(start.slice(1))
}

/**
 * Make a cell's text safe to open in a spreadsheet.
 *
 * A dangerous cell ({@link isDangerousCell}) gets a leading `'`, the OWASP
 * advice; spreadsheets then show it as text, apostrophe included (Calc does
 * not treat `'` as a text prefix on CSV import; the apostrophe is the cost
 * of never running the formula). Everything else is left as written, so
 * scripts read it exactly.
 */
export function neutraliseFormula(value: string): string {
  return isDangerousCell(value) ? `'${value}` : value
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
/**
 * Text a spreadsheet reads as something else: truth values, numbers
 * (leading zeros, signs, thousands separators, exponents, accounting
 * negatives, currency), percentages, fractions and dates or times.
 */
const COERCIBLE = [
  /^(?:true|false)$/iu,
  /^[+-]?[$€£¥]?\s*(?:\d[\d\s,.']*)?\d(?:e[+-]?\d+)?\s*%?$/iu,
  /^\([$€£¥]?\d[\d,.]*\)$/u,
  /^\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u,
  /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m?)?$/iu,
  /^\d{1,2}\s*[ap]m?$/iu,
  new RegExp(`^(?:\\d{1,2}[-\\s/]${MONTH}(?:[-\\s/,]+\\d{1,4})?|${MONTH}[-\\s/,]+\\d{1,4})$`, 'iu'),
]

/** Excel refuses a text constant longer than this inside a formula. */
const MAX_FORMULA_TEXT = 255

/** Whether a spreadsheet would read the cell as a number, date, percentage or truth value. */
export function isCoercibleCell(value: string): boolean {
  const trimmed = value.trim()
  return trimmed.length > 0 && COERCIBLE.some((pattern) => pattern.test(trimmed))
}

/**
 * A cell as written for spreadsheets.
 *
 * A dangerous cell is guarded as always. A cell a spreadsheet would coerce
 * (`007`, `false`, `2024-03`, `1/2`, `50%`), or one starting with `+`, `-`
 * or `@` that Excel would try as a formula (`-1 point`), becomes the text
 * formula `="007"`: Excel and LibreOffice Calc both show it as the text
 * 007, and sorting and filtering see text. Quotes inside are doubled, the
 * formula syntax's only escape; a cell with a line break or longer than
 * Excel's 255-character formula text limit is left as written.
 */
export function spreadsheetCell(value: string): string {
  if (isDangerousCell(value)) return `'${value}`
  const wrap = isCoercibleCell(value) || /^\s*[+\-@]/u.test(value)
  if (!wrap || value.length > MAX_FORMULA_TEXT || /[\r\n]/u.test(value)) return value
  return `="${value.replace(/"/gu, '""')}"`
}

/** Quote one field per RFC 4180: only when needed, doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value
}

/** One record: neutralised, quoted fields joined by commas (no terminator). */
export function csvRecord(values: readonly string[], spreadsheet = false): string {
  return values
    .map((v) => csvField(spreadsheet ? spreadsheetCell(v) : neutraliseFormula(v)))
    .join(',')
}

/** A claim's links in words: `supports: «statement» (Article title)`, or the ids when unresolved. */
function linksText(links: readonly ClaimLink[], resolveLink: CsvLinkResolver | undefined): string {
  return links
    .map((link) => {
      const label = resolveLink?.(link)?.label.trim() ?? ''
      return `${link.relation}: ${label.length > 0 ? label : `${link.articleId}/${link.annotationId}`}`
    })
    .join(CSV_TAG_SEPARATOR)
}

function annotationRow(
  entry: BriefingArticle,
  annotation: Annotation,
  resolveLink: CsvLinkResolver | undefined,
): string[] {
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
    ...CLAIM_COLUMNS.map(([name]) =>
      claim === null
        ? ''
        : name === 'links'
          ? linksText(claim.links, resolveLink)
          : claimFieldText(claim, name),
    ),
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
  const spreadsheet = options.spreadsheet === true
  const records = [csvRecord(CSV_COLUMNS, spreadsheet)]
  for (const entry of articles) {
    for (const annotation of inDocumentOrder(entry.annotations)) {
      records.push(csvRecord(annotationRow(entry, annotation, options.resolveLink), spreadsheet))
    }
  }
  const bom = options.bom === true || spreadsheet
  return `${bom ? UTF8_BOM : ''}${records.join(CRLF)}${CRLF}`
}
