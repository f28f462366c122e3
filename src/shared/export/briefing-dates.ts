/**
 * Dates as a briefing's reader reads them: "24 July 2015", not ISO 8601.
 *
 * Why: a briefing is handed to people, and `2015-07-24T05:36:09+01:00` is
 * for machines. The output must still be the same bytes on every machine
 * (goldens, checksums, re-exports that diff cleanly), so the locale is fixed
 * (`en-GB`: day, month name, year) and every clock time is shown in a time
 * zone the caller names, never the machine's by accident.
 */

const LOCALE = 'en-GB'

/** A calendar date as written: a year, a month or a day, with an optional time after it. */
const CALENDAR = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/u

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
const monthFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/**
 * A date written by a person or a publisher, for reading: "24 July 2015",
 * "July 2015" or "2015".
 *
 * The calendar date is the one written, in the writer's own time zone: a
 * story published at 00:30 in Moscow was published that day, whatever the
 * reader's clock says, so an offset or a time after the date is dropped
 * rather than converted. Text that is not such a date comes back as it is.
 */
export function humanDate(value: string): string {
  const trimmed = value.trim()
  const match = CALENDAR.exec(trimmed)
  if (match === null) return trimmed
  const [, year, month, day] = match
  if (month === undefined) return year ?? trimmed
  const monthIndex = Number(month) - 1
  if (monthIndex < 0 || monthIndex > 11) return trimmed
  if (day === undefined) return monthFormat.format(new Date(Date.UTC(Number(year), monthIndex, 1)))
  const date = new Date(Date.UTC(Number(year), monthIndex, Number(day)))
  // 2015-02-30 is not a day: show what was written rather than 2 March.
  if (date.getUTCMonth() !== monthIndex) return trimmed
  return dayFormat.format(date)
}

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone })
    return true
  } catch {
    return false
  }
}

/**
 * An instant (ISO 8601), for reading, in the named time zone:
 * "4 March 2025 at 12:00 UTC". An unknown zone falls back to UTC; text that
 * is not an instant comes back as it is.
 */
export function humanDateTime(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
    timeZoneName: 'short',
  }).format(date)
}
