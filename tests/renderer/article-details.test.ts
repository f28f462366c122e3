import { describe, expect, it } from 'vitest'
import { EDITABLE_META_FIELDS } from '../../src/shared/domain/article'
import {
  extractedText,
  fieldProblem,
  formatPublished,
  formProblems,
  formValuesOf,
  languageName,
  metaPatchOf,
  type MetaSource,
} from '../../src/renderer/src/features/article-details/meta-form'

const ARTICLE: MetaSource = {
  title: 'BBC News · BBC News',
  source: 'BBC News',
  byline: null,
  // An extracted value the form itself would not accept.
  publishedAt: '2024-03-18T10:00:00Z',
  url: 'https://www.bbc.co.uk/news/world-1',
  language: null,
}

describe('the details form', () => {
  it('has one field per editable field, nulls shown empty', () => {
    const values = formValuesOf(ARTICLE)
    expect(Object.keys(values)).toEqual(EDITABLE_META_FIELDS.map((f) => f.key))
    expect(values).toMatchObject({ title: 'BBC News · BBC News', byline: '', language: '' })
  })

  const initial = formValuesOf(ARTICLE)
  const rows: {
    what: string
    change: Partial<Record<keyof MetaSource, string>>
    problems: object
  }[] = [
    {
      what: 'nothing changed: no problem, even for an odd extracted date',
      change: {},
      problems: {},
    },
    {
      what: 'an emptied title',
      change: { title: '   ' },
      problems: { title: 'Title cannot be empty' },
    },
    {
      what: 'a date that is not a date',
      change: { publishedAt: '18 March' },
      problems: { publishedAt: 'Published must be a date like 2024, 2024-03 or 2024-03-18' },
    },
    { what: 'a year, a month, a day', change: { publishedAt: '2024-03' }, problems: {} },
    {
      what: 'a URL without a scheme',
      change: { url: 'bbc.co.uk/news' },
      problems: { url: 'URL must be an address like https://example.com/story' },
    },
    {
      what: 'a language that is not a tag',
      change: { language: 'English' },
      problems: { language: 'Language must be a language tag like en, ru or pt-BR' },
    },
    { what: 'an emptied field that may be empty', change: { source: '' }, problems: {} },
  ]
  for (const row of rows) {
    it(`checks ${row.what}`, () => {
      expect(formProblems({ ...initial, ...row.change }, initial)).toEqual(row.problems)
    })
  }

  it('checks one field as it is typed, not while it equals its start', () => {
    expect(fieldProblem('publishedAt', initial.publishedAt, initial.publishedAt)).toBeNull()
    expect(fieldProblem('publishedAt', ' 2024 ', initial.publishedAt)).toBeNull()
    expect(fieldProblem('title', '', initial.title)).toBe('Title cannot be empty')
  })

  it('sends only what changed, trimmed, and null for an emptied field', () => {
    expect(metaPatchOf(initial, initial)).toEqual({})
    expect(
      metaPatchOf(
        {
          ...initial,
          title: '  Māori tribes ask what the sea is telling them ',
          source: '',
          byline: 'Eleanor Ainge Roy',
        },
        initial,
      ),
    ).toEqual({
      title: 'Māori tribes ask what the sea is telling them',
      source: null,
      byline: 'Eleanor Ainge Roy',
    })
    // Spaces alone around an unchanged value are not a change.
    expect(metaPatchOf({ ...initial, source: ' BBC News ' }, initial)).toEqual({})
  })
})

describe('details as the header shows them', () => {
  it('shows a published year as a year and a month as a month', () => {
    expect(formatPublished('2024', 'en-GB')).toBe('2024')
    expect(formatPublished('2024-03', 'en-GB')).toBe('March 2024')
    expect(formatPublished('2024-03-18', 'en-GB')).toBe('18 March 2024')
    expect(formatPublished('sometime', 'en-GB')).toBe('sometime')
  })

  it('names a language, or keeps a tag it cannot name', () => {
    expect(languageName('en')).toBe('English')
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese')
    expect(languageName('qqq')).toBe('qqq')
  })

  it('quotes an extracted value, and says when there was none', () => {
    expect(extractedText('BBC News')).toBe('“BBC News”')
    expect(extractedText(null)).toBe('(none)')
    expect(extractedText('  ')).toBe('(none)')
  })
})
