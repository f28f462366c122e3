import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  foldText,
  originalWordEnd,
  originalWordSpans,
  searchWords,
} from '../../../src/shared/search/fold'

const FOLDS: readonly [string, string, string][] = [
  ['case', 'Grain CORRIDOR', 'grain corridor'],
  ['Latin diacritics', 'Café naïve Ångström façade', 'cafe naive angstrom facade'],
  ['sharp s and ligatures', 'Straße ﬁnance Æther Œuvre', 'strasse finance aether oeuvre'],
  ['letters without decomposition', 'Łódź Øresund Đorđe', 'lodz oresund dorde'],
  ['ё folds to е', 'Ёлка ещё', 'елка еще'],
  ['й stays й', 'Йошкар-Ола мой', 'йошкар-ола мой'],
  ['Cyrillic case', 'МИНИСТЕРСТВО Обороны', 'министерство обороны'],
  ['Ukrainian letters', 'Її Україна', 'іі украіна'],
  ['Greek accents and final sigma', 'Ἀθῆναι ΟΔΟΣ', 'αθηναι οδοσ'],
  ['invisible characters are dropped', 'gra\u00adin\u200b corridor', 'grain corridor'],
  ['decomposed accents', 'cafe\u0301', 'cafe'],
  ['fullwidth forms', 'ＢＭＷ', 'bmw'],
  ['Devanagari keeps its vowel signs', 'हिन्दी', 'हिन्दी'],
  ['Hangul syllables stay whole', '한국어', '한국어'],
]

describe('foldText', () => {
  for (const [description, input, expected] of FOLDS) {
    it(description, () => {
      expect(foldText(input)).toBe(expected)
    })
  }

  it('gives each folded word the span of the original word', () => {
    const text = 'Die Straße, ёлка! ﬁnance gra\u00adin'
    const words = [...originalWordSpans(text)].map((w) => [w.token, text.slice(w.start, w.end)])
    expect(words).toEqual([
      ['die', 'Die'],
      ['strasse', 'Straße'],
      ['елка', 'ёлка'],
      ['finance', 'ﬁnance'],
      ['grain', 'gra\u00adin'],
    ])
  })
})

describe('searchWords', () => {
  it.each([
    [
      'punctuation splits words',
      'Kherson-based, 4.2 million',
      ['kherson', 'based', '4', '2', 'million'],
    ],
    ['Cyrillic', 'Министерство обороны: «заявление»', ['министерство', 'обороны', 'заявление']],
    ['Han and kana are one-character words', '東京都の発表', ['東', '京', '都', 'の', '発', '表']],
    ['Arabic', 'وزارة الدفاع', ['وزارة', 'الدفاع']],
  ])('%s', (_label, text, words) => {
    expect(searchWords(text)).toEqual(words)
  })
})

describe('originalWordEnd', () => {
  const pieces = [
    'word',
    'Straße',
    'ёлка',
    'Ωmega',
    'cafe\u0301',
    'gra\u00adin',
    'ﬁnance',
    '½',
    '東京',
    'かな',
    'BMW東京',
    'x²',
    '٣',
    ' ',
    '\n',
    ', ',
    '×',
    '\u00a0',
  ]

  it('ends each word where the word scan ends it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('')
        for (const word of originalWordSpans(text)) {
          expect(originalWordEnd(text, word.start)).toBe(word.end)
        }
      }),
    )
  })

  it('gives the start back where no word starts', () => {
    expect(originalWordEnd('a, b', 1)).toBe(1)
    expect(originalWordEnd('a b', 3)).toBe(3)
  })
})
