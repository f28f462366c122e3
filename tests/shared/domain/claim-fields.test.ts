/**
 * The claim field declarations, and every format held to them.
 *
 * A field declared in `claim-fields.ts` must reach every format that does
 * not say, with a reason, that it leaves the field out. Adding a field
 * without a value in `SAMPLE` fails the type check; adding it without
 * carrying it in a format fails here.
 */
import { EMPTY_PROFILE } from '../../../src/shared/domain/profile'
import { describe, expect, it } from 'vitest'
import {
  applyClaimPatch,
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  claimFieldText,
  claimPatchSchema,
  claimSchema,
  EDITABLE_CLAIM_FIELDS,
  isOmitted,
  newClaim,
  readClaimLeniently,
  SEARCHABLE_CLAIM_FIELDS,
  type Claim,
} from '../../../src/shared/domain/claim-fields'
import { buildClaimReviews } from '../../../src/shared/export/claim-review'
import { CSV_COLUMNS, exportCsv } from '../../../src/shared/export/csv'
import {
  briefingFieldText,
  exportMarkdownBriefing,
  type BriefingArticle,
} from '../../../src/shared/export/markdown'
import { exportW3cAnnotations, parseW3cAnnotations } from '../../../src/shared/export/w3c'
import { parseCsv } from '../../support/csv-parse'
import { makeAnnotation, makeArticle } from '../export/briefing-fixtures'

const CONTEXT = { claimStatuses: ['unverified', 'Disputed', 'false'] }

/** A claim whose every field holds a value no other field has. */
const SAMPLE: Claim = {
  statement: 'Exports to Kaliningrad doubled',
  claimant: 'Avtotor press office',
  claimantType: 'organisation',
  attributedVia: 'RIA Novosti citing the press service',
  claimDate: '2019-07-04',
  status: 'Disputed',
  confidence: 'high',
  links: [{ relation: 'repeats', articleId: 'art-other', annotationId: 'ann-other' }],
}

const ARTICLES: BriefingArticle[] = [
  {
    article: makeArticle({
      id: 'art-1',
      title: 'Avtotor output',
      url: 'https://example.org/avtotor',
    }),
    annotations: [
      makeAnnotation({
        id: 'ann-1',
        articleId: 'art-1',
        exact: 'output doubled',
        start: 10,
        claim: SAMPLE,
      }),
    ],
  },
]

/** The value at a dotted path (`itemReviewed.author.name`). */
function at(value: unknown, path: string): unknown {
  let current = value
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

describe('claim field declarations', () => {
  it('starts a new claim that the stored schema accepts, statement from the quote, first status', () => {
    const claim = newClaim('the quote', CONTEXT)
    expect(claimSchema.parse(claim)).toEqual(claim)
    expect(claim).toMatchObject({ statement: 'the quote', status: 'unverified', links: [] })
    expect(Object.keys(claim)).toEqual(CLAIM_FIELD_NAMES)
  })

  it('accepts every editable field in a patch, and nothing else', () => {
    const patch = Object.fromEntries(EDITABLE_CLAIM_FIELDS.map((name) => [name, SAMPLE[name]]))
    expect(claimPatchSchema.safeParse(patch).success).toBe(true)
    expect(claimPatchSchema.safeParse({ links: [] }).success).toBe(false)
    expect(claimPatchSchema.safeParse({ statment: 'typo' }).success).toBe(false)
    expect(claimPatchSchema.safeParse({ claimDate: '2024-02-30' }).success).toBe(false)
    expect(claimPatchSchema.safeParse({ claimantType: 'robot' }).success).toBe(false)
    expect(EDITABLE_CLAIM_FIELDS).not.toContain('links')
  })

  it('applies a patch field by field: trimmed text, the codebook’s spelling of a status', () => {
    const claim = newClaim('q', CONTEXT)
    const changed = applyClaimPatch(
      claim,
      { claimant: '  Maria Keller ', status: ' disputed ', confidence: 'medium' },
      CONTEXT,
    )
    expect(claim).toMatchObject({ claimant: 'Maria Keller', status: 'Disputed' })
    expect(changed).toEqual(['claimant', 'status'])
    expect(() => applyClaimPatch(claim, { status: 'invented' }, CONTEXT)).toThrow(
      /not a claim status; choose one of: unverified, Disputed, false/,
    )
  })

  it('reads a foreign claim field by field: one bad or unknown field keeps the others', () => {
    const { claim, problems } = readClaimLeniently(
      { ...SAMPLE, claimDate: 'last Tuesday', mood: 'grim' },
      'q',
      CONTEXT,
    )
    expect(claim).toEqual({ ...SAMPLE, claimDate: null })
    expect(problems).toEqual([
      'claim date was not valid and was left at its default',
      'unknown claim field "mood" was ignored',
    ])
  })

  it('names the searchable fields in one list that matches the declarations', () => {
    expect([...SEARCHABLE_CLAIM_FIELDS]).toEqual(
      CLAIM_FIELD_NAMES.filter((name) => CLAIM_FIELDS[name].searchable),
    )
  })

  it('gives every field its own CSV column, W3C property and command-line option', () => {
    for (const format of ['csv', 'w3c'] as const) {
      const names = CLAIM_FIELD_NAMES.map((n) => CLAIM_FIELDS[n][format]).filter(
        (p) => !isOmitted(p),
      )
      expect(new Set(names).size).toBe(names.length)
    }
    const options = CLAIM_FIELD_NAMES.map((n) => CLAIM_FIELDS[n].cliOption).filter(
      (o) => o !== null,
    )
    expect(new Set(options).size).toBe(options.length)
  })

  it('gives every omission a reason', () => {
    for (const name of CLAIM_FIELD_NAMES) {
      const field = CLAIM_FIELDS[name]
      for (const placement of [field.csv, field.w3c, field.claimReview, field.markdown]) {
        if (isOmitted(placement)) expect(placement.omitted.length).toBeGreaterThan(20)
      }
    }
  })
})

describe('every format carries every declared claim field', () => {
  it.each(CLAIM_FIELD_NAMES)('CSV carries %s in its column', (name) => {
    const column = CLAIM_FIELDS[name].csv
    if (isOmitted(column)) return
    const [header, row] = parseCsv(exportCsv(ARTICLES))
    expect(header).toEqual([...CSV_COLUMNS])
    const cell = row![header!.indexOf(column)]
    expect(cell).toBe(claimFieldText(SAMPLE, name))
    expect(cell).not.toBe('')
  })

  it.each(CLAIM_FIELD_NAMES)('W3C carries %s through a round trip', (name) => {
    if (isOmitted(CLAIM_FIELDS[name].w3c)) return
    const exported = exportW3cAnnotations(ARTICLES, { generatedAt: '2025-03-02T10:00:00.000Z' })
    const [annotation] = parseW3cAnnotations(exported).annotations
    expect(annotation?.claim?.[name]).toEqual(SAMPLE[name])
  })

  it.each(CLAIM_FIELD_NAMES)('ClaimReview carries %s at its declared property', (name) => {
    const path = CLAIM_FIELDS[name].claimReview
    if (isOmitted(path)) return
    const [review] = buildClaimReviews(ARTICLES, {
      profile: { ...EMPTY_PROFILE, publishBaseUrl: 'https://example.org/checks' },
    })
    const value = at(review, path)
    expect(typeof value === 'string' && value.length > 0).toBe(true)
  })

  it.each(CLAIM_FIELD_NAMES)('the Markdown briefing shows %s on the claim line', (name) => {
    if (isOmitted(CLAIM_FIELDS[name].markdown)) return
    const briefing = exportMarkdownBriefing({
      title: 'Briefing',
      generatedAt: '2025-03-02T10:00:00.000Z',
      scope: { kind: 'articles', articleIds: ['art-1'] },
      articles: ARTICLES,
    })
    const claimLine = briefing.split('\n').find((line) => line.startsWith('**Claim'))
    expect(claimLine).toContain(briefingFieldText(SAMPLE, name))
    // The briefing writes a field as declared, only dates written out for reading.
    const expected =
      CLAIM_FIELDS[name].control.kind === 'date' ? '4 July 2019' : claimFieldText(SAMPLE, name)
    expect(briefingFieldText(SAMPLE, name)).toBe(expected)
  })
})
