/**
 * Read a publication date the way pages write it, and store it the one way
 * the library does.
 *
 * Why: pages give dates as ISO timestamps ("2013-07-19T10:08:00-04:00"),
 * newspaper style ("JAN. 13, 2017"), blog style ("10:08 am Fri Jul 19,
 * 2013") or European style ("19.07.2013"). The library stores a date the
 * analyst can also type in the details editor (`PUBLISHED_DATE`: 2024,
 * 2024-03 or 2024-03-18), so sorting, search and export see one format.
 * The day is the one the page itself states: a timestamp's offset is not
 * converted, since the paper's own date is what an analyst cites.
 */
import { PUBLISHED_DATE } from '../../shared/domain/article'

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}

const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'

/** Each written form a date takes, and how to read its parts. */
const FORMS: readonly {
  readonly pattern: RegExp
  readonly read: (m: RegExpExecArray) => [year: number, month?: number, day?: number]
}[] = [
  // 2013-07-19, 2013-07-19T10:08:00Z, 2013/07/19
  {
    pattern: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/.])/,
    read: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
  },
  // Jul 19, 2013 / JAN. 13, 2017 / July 19th 2013
  {
    pattern: new RegExp(`\\b(${MONTH_NAME})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'),
    read: (m) => [Number(m[3]), monthOf(m[1]), Number(m[2])],
  },
  // 19 July 2013 / 19 Jul. 2013
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAME}),?\\s+(\\d{4})\\b`, 'i'),
    read: (m) => [Number(m[3]), monthOf(m[2]), Number(m[1])],
  },
  // 19.07.2013 (day first, as written in Europe and Russia)
  {
    pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/,
    read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])],
  },
  // 07/19/2013 or 19/07/2013: only when one reading is impossible is the day known
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    read: (m) => {
      const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
      if (a > 12 && b <= 12) return [year, b, a]
      if (b > 12 && a <= 12) return [year, a, b]
      return [year]
    },
  },
  // July 2013
  {
    pattern: new RegExp(`\\b(${MONTH_NAME})\\s+(\\d{4})\\b`, 'i'),
    read: (m) => [Number(m[2]), monthOf(m[1])],
  },
]

function monthOf(name: string | undefined): number | undefined {
  const key = (name ?? '').toLowerCase().replace(/\.$/, '')
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)]
}

/** Where a date was found in a text, and its stored form. */
export interface FoundDate {
  readonly date: string
  readonly index: number
  readonly length: number
}

/** The first date written anywhere in `text`, in the library's form. */
export function findDate(text: string): FoundDate | null {
  let best: FoundDate | null = null
  for (const form of FORMS) {
    const match = form.pattern.exec(text)
    if (!match) continue
    const date = formatDate(...form.read(match))
    if (date === null) continue
    // The earliest, most complete reading wins ("July 19, 2013" over "July 2013").
    if (best === null || match.index < best.index) {
      best = { date, index: match.index, length: match[0].length }
    }
  }
  return best
}

/**
 * A page's date value as the library stores it (YYYY-MM-DD, YYYY-MM or
 * YYYY), or null when it holds no readable date.
 */
export function normalisePublishedDate(value: string | null | undefined): string | null {
  const text = value?.trim() ?? ''
  if (text === '') return null
  if (PUBLISHED_DATE.test(text)) {
    const [year, month, day] = text.split('-').map(Number)
    return formatDate(year ?? 0, month, day)
  }
  // A bare compact stamp, as some CMSs write: 20130719 or 20130719T100800.
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T?\d{4,6}.*)?$/.exec(text)
  if (compact) return formatDate(Number(compact[1]), Number(compact[2]), Number(compact[3]))
  return findDate(text)?.date ?? null
}

const EARLIEST_YEAR = 1800
const LATEST_YEAR = 2200

function formatDate(year: number, month?: number, day?: number): string | null {
  if (!(year >= EARLIEST_YEAR && year <= LATEST_YEAR)) return null
  if (month === undefined) return String(year)
  if (!(month >= 1 && month <= 12)) return null
  const yearMonth = `${year}-${String(month).padStart(2, '0')}`
  if (day === undefined) return yearMonth
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!(day >= 1 && day <= daysInMonth)) return null
  return `${yearMonth}-${String(day).padStart(2, '0')}`
}

/** A dateline is a short line: a longer one is a sentence that mentions a date. */
const DATELINE_WORDS = 12

/**
 * The date of the first dateline among `lines` ("13 January 2017", "By
 * Anna Petrova, 13 January 2017", "PUBLISHED WED, NOV 20 2019"): a short
 * line holding a date. Callers pass only the lines near the headline or the
 * top of the document, where a story states when it was published; dates
 * further down are what the story is about.
 */
export function datelineDate(lines: readonly string[]): string | null {
  for (const line of lines) {
    if (line.split(/\s+/).length > DATELINE_WORDS) continue
    const found = findDate(line)
    if (found !== null) return found.date
  }
  return null
}
