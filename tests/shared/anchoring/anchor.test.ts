import { describe, expect, it } from 'vitest'

import {
  anchorAll,
  anchorTarget,
  describeSpan,
  type AnchorResult,
} from '../../../src/shared/anchoring'
import { BLOCK_SEPARATOR, articleText } from '../../../src/shared/domain/article'

const HASH = 'hash-v1'
const OTHER_HASH = 'hash-v2'

const REPEATED =
  'Asked in March, he said no. Pressed in May, he said no. Finally, in June, he said no.'
const CYRILLIC = 'Министр обороны заявил, что переговоры продолжатся на следующей неделе в Женеве.'
const EMOJI = 'Reactions ranged from 😀 to 😡, and one reader sent 🐉🐉 without comment.'
const ARTICLE = articleText([
  { type: 'heading', text: 'Harbour to close' },
  {
    type: 'paragraph',
    text: 'The harbour authority said on Monday that night crossings would stop.',
  },
  { type: 'quote', text: '“We had no choice,” a spokesperson said.' },
])

/** Offsets of the `nth` (0-based) occurrence of `needle` in `text`. */
function occurrence(text: string, needle: string, nth = 0): { start: number; end: number } {
  let start = -1
  for (let i = 0; i <= nth; i += 1) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`)
  return { start, end: start + needle.length }
}

const roundTrips = [
  {
    description: 'a phrase mid-sentence',
    text: ARTICLE,
    ...occurrence(ARTICLE, 'night crossings'),
  },
  { description: 'a span at the very start', text: ARTICLE, ...occurrence(ARTICLE, 'Harbour') },
  {
    description: 'a span at the very end',
    text: ARTICLE,
    ...occurrence(ARTICLE, 'a spokesperson said.'),
  },
  { description: 'the whole text', text: ARTICLE, start: 0, end: ARTICLE.length },
  { description: 'a single character', text: ARTICLE, ...occurrence(ARTICLE, 'M') },
  {
    description: 'a span across a block boundary',
    text: ARTICLE,
    ...occurrence(ARTICLE, `stop.${BLOCK_SEPARATOR}“We`),
  },
  {
    description: 'the first of three repeats',
    text: REPEATED,
    ...occurrence(REPEATED, 'he said no', 0),
  },
  {
    description: 'the second of three repeats',
    text: REPEATED,
    ...occurrence(REPEATED, 'he said no', 1),
  },
  {
    description: 'the third of three repeats',
    text: REPEATED,
    ...occurrence(REPEATED, 'he said no', 2),
  },
  {
    description: 'a Cyrillic phrase',
    text: CYRILLIC,
    ...occurrence(CYRILLIC, 'переговоры продолжатся'),
  },
  {
    description: 'a Cyrillic word at the start',
    text: CYRILLIC,
    ...occurrence(CYRILLIC, 'Министр'),
  },
  { description: 'a single emoji', text: EMOJI, ...occurrence(EMOJI, '😡') },
  { description: 'a span ending in emoji', text: EMOJI, ...occurrence(EMOJI, 'sent 🐉🐉') },
  {
    description: 'the second of two identical emoji',
    text: EMOJI,
    start: EMOJI.indexOf('🐉') + 2,
    end: EMOJI.indexOf('🐉') + 4,
  },
]

const INSERTED = 'Editor’s note: this story has been updated.\n\n'

describe('round trips', () => {
  it.each(roundTrips)('anchors $description on the unchanged text', ({ text, start, end }) => {
    const target = describeSpan(text, start, end, HASH)
    expect(anchorTarget(text, HASH, target)).toEqual({ status: 'anchored', start, end, score: 1 })
  })

  it.each(roundTrips)(
    'anchors $description on an identical re-import with another hash',
    ({ text, start, end }) => {
      const target = describeSpan(text, start, end, HASH)
      expect(anchorTarget(text, OTHER_HASH, target)).toEqual({
        status: 'anchored',
        start,
        end,
        score: 1,
      })
    },
  )

  it.each(roundTrips)(
    'follows $description when a note is inserted before it',
    ({ text, start, end }) => {
      const target = describeSpan(text, start, end, HASH)
      const result = anchorTarget(INSERTED + text, OTHER_HASH, target)
      const shift = INSERTED.length
      // A span at the very start has an empty prefix, which the insertion
      // cannot contradict, so it too counts as verbatim.
      expect(result).toEqual({
        status: 'anchored',
        start: start + shift,
        end: end + shift,
        score: 1,
      })
    },
  )
})

describe('anchorTarget', () => {
  const text =
    'The harbour authority said on Monday that night crossings would stop. ' +
    'Ferry operators were told to cancel bookings. A spokesperson said there was no choice.'
  const span = occurrence(text, 'Ferry operators were told to cancel bookings')
  const target = describeSpan(text, span.start, span.end, HASH)

  it('trusts the offsets without searching while the hash is unchanged', () => {
    // Not a realistic text for this hash: it proves no search took place.
    const elsewhere = `${'x'.repeat(span.start)}${target.quote.exact}`
    expect(anchorTarget(elsewhere, HASH, target)).toEqual({ status: 'anchored', ...span, score: 1 })
  })

  it('searches anyway when the hash matches but the offsets no longer hold the quote', () => {
    const shifted = `Update. ${text}`
    expect(anchorTarget(shifted, HASH, target)).toEqual({
      status: 'anchored',
      start: span.start + 8,
      end: span.end + 8,
      score: 1,
    })
  })

  it('keeps a passage anchored when only its context changed, with a score below 1', () => {
    // Until 2026-12 this was 'drifted': a change next to the passage was
    // reported as "text changed" although the passage's own words were
    // intact. The passage's own change is now scored apart from its context's.
    const edited = text.replace('would stop.', 'would stop!')
    const result = anchorTarget(edited, OTHER_HASH, target)
    expect(result).toMatchObject({ status: 'anchored', ...span })
    // The score still says the context moved, so callers choosing between
    // two anchored finds prefer the one whose context is intact.
    expect(result.score).toBeGreaterThan(0.9)
    expect(result.score).toBeLessThan(1)
  })

  it('picks the repeat whose context matches when the old offsets now hold another repeat', () => {
    const second = occurrence(REPEATED, 'he said no', 1)
    const target = describeSpan(REPEATED, second.start, second.end, HASH)
    // Shift the text by exactly the distance between repeats, so the old
    // offsets hold the first repeat verbatim, but in the wrong context.
    const shift = second.start - occurrence(REPEATED, 'he said no', 0).start
    const revised = `${'-'.repeat(shift - 1)} ${REPEATED}`
    expect(revised.slice(second.start, second.end)).toBe('he said no')
    expect(anchorTarget(revised, OTHER_HASH, target)).toEqual({
      status: 'anchored',
      start: second.start + shift,
      end: second.end + shift,
      score: 1,
    })
  })

  it('finds a passage whose paragraph moved to the end of the article', () => {
    const paragraphs = [
      'First paragraph here.',
      'Second one, long enough that the context on either side of the key claim stays well inside this paragraph.',
      'Third and last.',
    ]
    const original = paragraphs.join('\n\n')
    const claim = occurrence(original, 'the key claim')
    const moved = [paragraphs[0], paragraphs[2], paragraphs[1]].join('\n\n')
    const result = anchorTarget(
      moved,
      OTHER_HASH,
      describeSpan(original, claim.start, claim.end, HASH),
    )
    expect(result).toEqual({ status: 'anchored', ...occurrence(moved, 'the key claim'), score: 1 })
  })

  const typography = [
    {
      description: 'straight quotes that became curly',
      before: 'The mayor said "we will rebuild" and left. It\'s over, she added.',
      quote: '"we will rebuild" and left. It\'s over',
      after: 'The mayor said “we will rebuild” and left. It’s over, she added.',
      expected: '“we will rebuild” and left. It’s over',
    },
    {
      description: 'curly quotes that became straight',
      before: 'Critics called it ‘a farce’ — loudly.',
      quote: '‘a farce’ — loudly',
      after: "Critics called it 'a farce' - loudly.",
      expected: "'a farce' - loudly",
    },
    {
      description: 're-wrapped lines and doubled spaces',
      before: 'The report found that most of the funds were never spent on repairs.',
      quote: 'most of the funds were never spent',
      after: 'The report found that most of\nthe funds  were never\r\nspent on repairs.',
      expected: 'most of\nthe funds  were never\r\nspent',
    },
    {
      description: 'non-breaking spaces and a soft hyphen',
      before: 'Ministers met for 12 hours in Brussels before agreeing.',
      quote: 'met for 12 hours in Brussels',
      after: 'Ministers met for 12\u00a0hours in Brus\u00adsels before agreeing.',
      expected: 'met for 12\u00a0hours in Brus\u00adsels',
    },
    {
      // More whitespace changed than quote: beyond what fuzzy matching accepts.
      description: 'indented line breaks inside a short quote',
      before: 'The vote was 5 to 4 in favour.',
      quote: '5 to 4',
      after: 'The vote was 5\n    to\n    4 in favour.',
      expected: '5\n    to\n    4',
    },
  ]

  it.each(typography)('re-anchors through $description', ({ before, quote, after, expected }) => {
    const original = occurrence(before, quote)
    const result = anchorTarget(
      after,
      OTHER_HASH,
      describeSpan(before, original.start, original.end, HASH),
    )
    expect(result.status).toBe('drifted')
    expect(after.slice(result.start ?? 0, result.end ?? 0)).toBe(expected)
    // Typography alone costs nothing: the folded quote and context match.
    expect(result.score).toBeGreaterThan(0.99)
  })

  it('reports drift with a lower score when the passage itself was edited', () => {
    const edited = text.replace('told to cancel', 'told they must cancel')
    const result = anchorTarget(edited, OTHER_HASH, target)
    expect(result.status).toBe('drifted')
    expect(edited.slice(result.start ?? 0, result.end ?? 0)).toBe(
      'Ferry operators were told they must cancel bookings',
    )
    expect(result.score).toBeLessThan(0.95)
  })

  it('orphans a passage that was deleted, with the closest rejected score', () => {
    const deleted = text.replace('Ferry operators were told to cancel bookings. ', '')
    const result = anchorTarget(deleted, OTHER_HASH, target)
    expect(result).toMatchObject({ status: 'orphaned', start: null, end: null })
    expect(result.score).toBeGreaterThanOrEqual(0)
    expect(result.score).toBeLessThan(0.75)
  })

  it.each([
    {
      rewrite: 'Ferry operators were asked to cancel bookings',
      similarity: '91%',
      status: 'drifted',
    },
    { rewrite: 'Bus operators were told to drop bookings', similarity: '75%', status: 'drifted' },
    {
      rewrite: 'Ferry firms got told to cancel the bookings',
      similarity: '66%',
      status: 'orphaned',
    },
    {
      rewrite: 'Operators of ferries received instructions on refunds',
      similarity: 'no',
      status: 'orphaned',
    },
  ])(
    'treats a rewrite with $similarity similarity in unchanged context as $status',
    ({ rewrite, status }) => {
      const rewritten = text.replace(target.quote.exact, rewrite)
      const result = anchorTarget(rewritten, OTHER_HASH, target)
      expect(result.status).toBe(status)
      if (status === 'drifted') expect(result).toMatchObject(occurrence(rewritten, rewrite))
    },
  )

  const neighbours = [
    {
      description: 'both neighbouring sentences were rewritten',
      before:
        'Officials met on Monday. The harbour will close for two weeks from Friday. Ferries are cancelled.',
      quote: 'The harbour will close for two weeks from Friday.',
      after:
        'Port officials met again on Tuesday. The harbour will close for two weeks from Friday. All ferries were cancelled.',
    },
    {
      description: 'a paragraph was inserted before it and the next one deleted',
      before:
        'Storm warning issued.\n\nResidents were told to stay indoors overnight.\n\nMore later.',
      quote: 'Residents were told to stay indoors overnight.',
      after:
        'Storm warning issued.\n\nWinds reached 90 km/h on the coast.\n\nResidents were told to stay indoors overnight.',
    },
    {
      // From tests/fixtures/anchoring/bbc-assange-sweden.txt: what is left of
      // the prefix ("Assange, ") still agrees.
      description: 'the paragraph before it was deleted and its sentence cut short after it',
      before:
        'Prosecutors in Sweden have dropped an investigation into a rape allegation made against Wikileaks co-founder Julian Assange in 2010.\n\nAssange, who denies the accusation, has avoided extradition to Sweden for seven years.',
      quote: 'who denies the accusation',
      after:
        'Assange, who denies the accusation.\n\nThe 48-year-old Australian was evicted in April.',
    },
    {
      description: 'a heading opens the text and the paragraph after it changed',
      before:
        'Harbour to close\n\nThe harbour authority said on Monday that night crossings would stop.',
      quote: 'Harbour to close',
      after: 'Harbour to close\n\nNight crossings stopped on Tuesday, the harbour authority said.',
    },
  ]

  it.each(neighbours)(
    'anchors a passage whose own words are intact when $description',
    ({ before, quote, after }) => {
      const original = occurrence(before, quote)
      const result = anchorTarget(
        after,
        OTHER_HASH,
        describeSpan(before, original.start, original.end, HASH),
      )
      expect(result).toMatchObject({ status: 'anchored', ...occurrence(after, quote) })
      expect(result.score).toBeLessThan(1)
    },
  )

  it('orphans a short phrase whose context changed on both sides, even unique and near its old place', () => {
    // Uniqueness and closeness to the old offset only rank candidates: with
    // nothing around it agreeing, "two weeks" might be other words.
    const before = 'Officials met on Monday. It will close for two weeks. Ferries are cancelled.'
    const after = 'Port officials met on Tuesday; for two weeks, all ferries will be cancelled.'
    const span = occurrence(before, 'two weeks')
    const result = anchorTarget(after, OTHER_HASH, describeSpan(before, span.start, span.end, HASH))
    expect(result.status).toBe('orphaned')
  })

  it('does not place a short passage that opened the text on the same words further on', () => {
    // An empty stored prefix agrees only with a find that opens the text too.
    const before = 'Harbour to close. Ferries stop.'
    const after = 'Ferries stop on Monday. Officials said the Harbour to close order was final.'
    const span = occurrence(before, 'Harbour to close')
    const result = anchorTarget(after, OTHER_HASH, describeSpan(before, span.start, span.end, HASH))
    expect(result.status).toBe('orphaned')
  })

  it('orphans an edited passage found only in new surroundings, such as a pull quote repeated in the story', () => {
    // From tests/fixtures/anchoring/latimes-gannett-gatehouse.txt: the pull
    // quote is deleted; the story's own sentence differs by one character and
    // stands elsewhere, so it is another passage, not this one edited.
    const pull =
      'Since 2008, there hasn’t been a single year of revenue gain in the newspaper industry as a whole.'
    const story = [
      'One would hope so, since the news business could use an injection of optimism these days.',
      pull,
      'News industry analyst Ken Doctor',
      'But there may be just as much reason for doubt.',
      '“Since 2008, there hasn’t been a single year of revenue gain in the newspaper industry as a whole,” says veteran industry analyst Ken Doctor.',
    ]
    const before = story.join('\n\n')
    const after = story.filter((p) => p !== pull).join('\n\n')
    const span = occurrence(before, pull)
    const result = anchorTarget(after, OTHER_HASH, describeSpan(before, span.start, span.end, HASH))
    expect(result.status).toBe('orphaned')
  })

  it('does not attach a short quote to the same words in unrelated context', () => {
    const original = 'Police said the fire started in the kitchen. Nobody was hurt.'
    const short = occurrence(original, 'the kitchen')
    const revised =
      'Nobody was hurt. The report blamed the kitchen staff for the delay in calling for help.'
    const result = anchorTarget(
      revised,
      OTHER_HASH,
      describeSpan(original, short.start, short.end, HASH),
    )
    expect(result.status).toBe('orphaned')
  })

  it('anchors a short quote found in new surroundings when one side of its context survives', () => {
    // Until 2026-12 this was 'drifted'; the quote's own words are intact, so
    // it is anchored now.
    const original = 'Police said the fire started in the kitchen. Nobody was hurt.'
    const short = occurrence(original, 'the kitchen')
    const revised = 'Late on Sunday, it started in the kitchen. Nobody was hurt.'
    const result = anchorTarget(
      revised,
      OTHER_HASH,
      describeSpan(original, short.start, short.end, HASH),
    )
    expect(result).toMatchObject({ status: 'anchored', ...occurrence(revised, 'the kitchen') })
  })

  it('re-anchors a long quote with scattered edits at its new span', () => {
    const sentences = Array.from(
      { length: 60 },
      (_, i) => `Sentence ${i} describes event number ${i * 7} in some detail.`,
    )
    const original = sentences.join(' ')
    const start = original.indexOf('Sentence 10 ')
    const end = original.indexOf(' Sentence 50 ')
    const revised = `Preface. ${original.replace('event number 140', 'event No. 140').replace('in some detail. Sentence 33', 'in detail. Sentence 33')}`
    const result = anchorTarget(revised, OTHER_HASH, describeSpan(original, start, end, HASH))
    expect(end - start).toBeGreaterThan(2000)
    expect(result).toMatchObject({
      status: 'drifted',
      start: revised.indexOf('Sentence 10 '),
      end: revised.indexOf(' Sentence 50 '),
    })
  })
})

describe('anchorAll', () => {
  it('anchors every target in order, as anchorTarget would one by one', () => {
    const text =
      'One fish, two fish, red fish, blue fish. Black fish, blue fish, old fish, new fish.'
    const targets = ['two fish', 'blue fish', 'old fish', 'new fish.'].map((needle, i) => {
      const { start, end } = occurrence(text, needle, needle === 'blue fish' ? 1 : 0)
      return describeSpan(text, start, end, `${HASH}-${i}`)
    })
    const revised = `Dr Seuss. ${text.replace('old fish', 'old, old fish')}`
    const results = anchorAll(revised, OTHER_HASH, targets)
    expect(results).toEqual(targets.map((t) => anchorTarget(revised, OTHER_HASH, t)))
    expect(results.map((r: AnchorResult) => revised.slice(r.start ?? 0, r.end ?? 0))).toEqual([
      'two fish',
      'blue fish',
      'old fish',
      'new fish.',
    ])
    expect(results[1]?.start).toBe(revised.lastIndexOf('blue fish'))
  })

  it('returns an empty list for no targets', () => {
    expect(anchorAll('some text', HASH, [])).toEqual([])
  })
})
