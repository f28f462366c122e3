/**
 * Random libraries for the search tests that hold the index to a reference:
 * a small vocabulary of words that fold alike or nearly (café/cafe,
 * Straße/strasse, ёлка/елка, prefixes of one another), nested tags, claim
 * statuses and claimants, and annotations of which some are orphans.
 */
import fc from 'fast-check'
import type { FixtureAnnotation, FixtureArticle } from './fixtures'

export const WORDS = [
  'grain',
  'grains',
  'corridor',
  'Café',
  'cafe',
  'Straße',
  'strasse',
  'port',
  'portal',
  'Министерство',
  'министр',
  'ёлка',
  'елка',
  'Ещё',
  'зерно',
  'Барышев',
  'BMW',
  '4.2',
  'naïve',
]
const TAGS = ['topic', 'topic/grain', 'topic/grain/wheat', 'entity/BMW', 'тема/зерно']
const STATUSES = ['unverified', 'disputed', 'corroborated']

const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 })
  .map((w) => w.join(' '))

export const article = (id: string): fc.Arbitrary<FixtureArticle> =>
  fc
    .record({
      title: sentence,
      paragraphs: fc.array(sentence, { minLength: 1, maxLength: 3 }),
      source: fc.constantFrom(null, 'Reuters', 'ria.ru'),
      tags: fc.subarray(TAGS),
      note: fc.oneof(fc.constant(''), sentence),
      annotations: fc.array(
        fc.record({
          claim: fc.boolean(),
          tags: fc.subarray(TAGS),
          note: fc.oneof(fc.constant(''), sentence),
          claimant: fc.constantFrom('', 'Anna Petrova', 'Илья Барышев'),
          status: fc.constantFrom(...STATUSES),
          orphan: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ title, paragraphs, source, tags, note, annotations }) => ({
      id,
      title,
      source,
      paragraphs,
      state: { tags, note },
      annotations: annotations.map((a, i): FixtureAnnotation => ({
        id: `ann-${i}`,
        quote: a.orphan ? 'vanished passage' : paragraphs[0]!.split(' ')[0]!,
        orphan: a.orphan,
        tags: a.tags,
        note: a.note,
        ...(a.claim ? { claim: { claimant: a.claimant, status: a.status } } : {}),
      })),
    }))
