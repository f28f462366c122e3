import { describe, expect, it } from 'vitest'
import { humanDate, humanDateTime } from '../../../src/shared/export/briefing-dates'

describe('humanDate', () => {
  it.each([
    ['2015-07-24T05:36:09+01:00', '24 July 2015'],
    // The writer's calendar day, not the reader's: no conversion to UTC.
    ['2015-07-24T00:30:00+03:00', '24 July 2015'],
    ['2024-02-12', '12 February 2024'],
    ['2015-07', 'July 2015'],
    ['2015', '2015'],
    ['2015-02-30', '2015-02-30'],
    ['2015-13', '2015-13'],
    ['last Tuesday', 'last Tuesday'],
    ['  2024-01-01 ', '1 January 2024'],
  ])('%s → %s', (value, expected) => {
    expect(humanDate(value)).toBe(expected)
  })
})

describe('humanDateTime', () => {
  it.each([
    ['2025-03-04T12:00:00.000Z', 'UTC', '4 March 2025 at 12:00 UTC'],
    ['2025-03-04T12:00:00.000Z', 'Europe/Berlin', '4 March 2025 at 13:00 CET'],
    ['2025-03-04T23:30:00.000Z', 'Asia/Tokyo', '5 March 2025 at 08:30 GMT+9'],
    // An unknown zone falls back to UTC rather than to the machine's.
    ['2025-03-04T12:00:00.000Z', 'Mars/Olympus', '4 March 2025 at 12:00 UTC'],
    ['not a time', 'UTC', 'not a time'],
  ])('%s in %s → %s', (iso, zone, expected) => {
    expect(humanDateTime(iso, zone)).toBe(expected)
  })
})
