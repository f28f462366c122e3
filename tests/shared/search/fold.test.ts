import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  composedName,
  foldText,
  matchesWords,
  nameKey,
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
  ['decomposed й stays й', '\u0438\u0306\u0434 \u0418\u0306', 'йд й'],
  ['decomposed ё folds to е', '\u0435\u0308\u043b\u043a\u0430', 'елка'],
  ['decomposed Hangul is composed', '한국어'.normalize('NFD'), '한국어'],
  ['a kana keeps its voicing; halfwidth kana become fullwidth', 'がガｶタ', 'がガカタ'],
  ['a decomposed voiced kana is composed', '\u304b\u3099', 'が'],
  ['a stray mark on a letter without a composed form is dropped', 'x\u0306', 'x'],
]

describe('foldText', () => {
  for (const [description, input, expected] of FOLDS) {
    it(description, () => {
      expect(foldText(input)).toBe(expected)
    })
  }

  // The pieces a typed or pasted text is made of: letters that compose with a
  // following mark, the marks themselves, letters folding specially, Hangul
  // syllables and jamo, and scripts that keep their marks.
  const alphabet = [
    'e',
    'E',
    'é',
    '\u0301',
    '\u0300',
    '\u0308',
    '\u0306',
    '\u0323',
    'и',
    'И',
    'й',
    'Й',
    'е',
    'ё',
    'Ё',
    'a',
    'Å',
    '\u212b',
    'ß',
    'ẞ',
    'ø',
    'ǿ',
    'ı',
    'İ',
    'ς',
    'Σ',
    'ά',
    '\u0345',
    'ﬁ',
    '한',
    '\u1100',
    '\u1161',
    '\u11a8',
    'क',
    '\u093c',
    '\u094d',
    'क़',
    'か',
    '\u3099',
    'が',
    '東',
    '\u00ad',
    '\u200b',
    ' ',
    '-',
    '1',
    '½',
  ]

  it('folds a composed and a decomposed spelling alike', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 16 }), (parts) => {
        const text = parts.join('')
        expect(foldText(text.normalize('NFD'))).toBe(foldText(text.normalize('NFC')))
        expect(foldText(text)).toBe(foldText(text.normalize('NFC')))
      }),
      { numRuns: 2000 },
    )
  })

  it('folds a text whole into the same words as word by word (queries are folded whole, documents by word)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet, 'ガ', 'ｶ', '’', 'İ', 'ß', 'ﬁ', 'Ǆ'), {
          maxLength: 24,
        }),
        (parts) => {
          const text = parts.join('')
          expect(searchWords(text)).toEqual([...originalWordSpans(text)].map((w) => w.token))
        },
      ),
      { numRuns: 3000 },
    )
  })

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

describe('matchesWords', () => {
  const words = (text: string) => searchWords(text)
  it.each([
    ['a word prefix', 'gaz', 'Gazprom said', true],
    ['every query word', 'gaz said', 'Gazprom said', true],
    ['not inside a word', 'prom', 'Gazprom', false],
    ['й only for й', 'й', 'Йошкар-Ола', true],
    ['и not for й', 'и', 'Йошкар-Ола', false],
    ['ё for е', 'елка', 'Ёлка', true],
    ['ss for ß', 'strasse', 'Die Straße', true],
    ['decomposed for composed', 'cafe\u0301', 'Café', true],
  ])('%s', (_label, query, text, expected) => {
    expect(matchesWords(words(query), words(text))).toBe(expected)
  })
})

describe('nameKey', () => {
  it('is one key for a composed and a decomposed spelling, in any case', () => {
    expect(nameKey('Caf\u00e9')).toBe(nameKey('CAFE\u0301'))
    expect(nameKey('\u0418\u0306')).toBe('й')
  })

  it('keeps diacritics: Café and Cafe are two names', () => {
    expect(nameKey('Café')).not.toBe(nameKey('Cafe'))
  })

  it('stores names composed', () => {
    expect(composedName('Cafe\u0301')).toBe('Caf\u00e9')
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
