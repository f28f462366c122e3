/**
 * W3C import of files other annotation tools write: Hypothesis's export and
 * API response, dokieli, Recogito and Apache Annotator (fixtures and where
 * their shapes come from: tests/fixtures/w3c-import/README.md). Each
 * annotation must land on the harbour article, on the very passage it marks
 * (a refined selector never widened to its sentence), or be listed with why not.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { articleText } from '../../../src/shared/domain/article'
import type { W3cImportReport } from '../../../src/shared/ipc/contract'
import { textFile } from '../../support/core'
import { libraryState, openFixture, type Fixture } from './fixture'

const FIXTURES = join(__dirname, '../../fixtures/w3c-import')
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')

let fx: Fixture
let harbour: string

beforeEach(async () => {
  // The three small articles too: nothing may land on them.
  fx = await openFixture()
  const report = await fx.core.value('import:files', {
    files: [textFile('harbour-strike.md', read('harbour-strike.md'))],
  })
  const outcome = report.outcomes[0]!
  if (outcome.status !== 'imported') throw new Error('harbour article not imported')
  harbour = outcome.id
})

afterEach(async () => {
  await fx.close()
})

/** Each report entry as [index, outcome, reason], in document order. */
function outcomes(report: W3cImportReport): [number, string, string][] {
  return [...report.items]
    .sort((a, b) => a.index - b.index)
    .map((item) => [item.index, item.outcome, item.reason])
}

/** What the harbour article now holds: each annotation's marked text, note and tags, in text order. */
async function harbourAnnotations() {
  const { article, annotations } = await fx.core.value('article:get', { id: harbour })
  const text = articleText(article.blocks)
  return [...annotations]
    .sort((a, b) => a.target.position.start - b.target.position.start)
    .map((a) => ({
      passage: text.slice(a.anchor.start!, a.anchor.end!),
      status: a.anchor.status,
      note: a.note,
      tags: a.tags,
    }))
}

async function importFixture(name: string): Promise<W3cImportReport> {
  return fx.core.value('annotation:importW3c', { data: read(name) })
}

const BY_ADDRESS = /^matched by its web address/

describe('W3C import of other tools’ files', () => {
  it('reads a Hypothesis export: passages, a page note, and says why it skips a reply and a markup range', async () => {
    const report = await importFixture('hypothesis-export.json')
    expect(report).toMatchObject({
      total: 5,
      imported: 3,
      placed: 3,
      refused: 0,
      invalid: 2,
      articleIds: [harbour],
    })
    expect(outcomes(report)).toEqual([
      [0, 'placed', expect.stringMatching(/web address; passage found as written$/)],
      [
        1,
        'placed',
        expect.stringMatching(/a page note without a passage: added to the article's note$/),
      ],
      [2, 'invalid', 'a reply to another annotation, with no passage of its own'],
      [3, 'invalid', expect.stringMatching(/range over the web page's markup/)],
      [
        4,
        'placed',
        expect.stringMatching(/placed by its position alone, with no quote to check it by$/),
      ],
    ])
    expect(await harbourAnnotations()).toEqual([
      {
        passage: '14 vessels were waiting at anchor',
        status: 'anchored',
        note: 'Figure to check against the **port log**.',
        tags: ['figure', 'topic/ports'],
      },
      {
        passage: 'Marta Kowalska',
        status: 'anchored',
        note: 'Named claimant.',
        tags: ['entity/person/Kowalska'],
      },
    ])
    const opened = await fx.core.value('article:get', { id: harbour })
    expect(opened.note).toBe("Compare with the union's own statement.")
    expect((await fx.core.store.readArticle(harbour)).tags).toEqual(['follow-up'])

    // Importing it again adds nothing: the page note is a duplicate too.
    const before = await libraryState(fx.core)
    const again = await importFixture('hypothesis-export.json')
    expect(again).toMatchObject({ imported: 0, duplicates: 3, invalid: 2 })
    expect(await libraryState(fx.core)).toEqual(before)
  })

  it('follows a page note to the article the rest of its page went to when the address is another copy', async () => {
    const data = read('hypothesis-export.json').replaceAll(
      'https://news.example.org/2025/03/harbour-strike',
      'https://mirror.example.net/harbour',
    )
    const report = await fx.core.value('annotation:importW3c', { data })
    expect(outcomes(report)).toEqual([
      [0, 'placed', expect.stringMatching(/names no article here; matched by its passage/)],
      [
        1,
        'placed',
        expect.stringMatching(/the other annotations from it are on this one; a page note/),
      ],
      [2, 'invalid', expect.any(String)],
      [3, 'invalid', expect.any(String)],
      [
        4,
        'refused',
        'its source names no article here, and it gives only a position, no quote to find',
      ],
    ])
    expect((await fx.core.value('article:get', { id: harbour })).note).toBe(
      "Compare with the union's own statement.",
    )
  })

  it('reads a Hypothesis API search response and refuses the annotation on a page it does not have', async () => {
    const report = await importFixture('hypothesis-search.json')
    expect(outcomes(report)).toEqual([
      [0, 'placed', expect.stringMatching(BY_ADDRESS)],
      [1, 'refused', 'its source names no article here, and its passage is in none'],
    ])
    expect(await harbourAnnotations()).toEqual([
      { passage: 'nine percent', status: 'anchored', note: 'Union demand.', tags: ['topic/wages'] },
    ])
  })

  it('reads dokieli: bodyValue, HTML and language-tagged bodies, a link body, a quote inside a fragment', async () => {
    const report = await importFixture('dokieli.json')
    expect(outcomes(report)).toEqual([
      [0, 'placed', expect.stringMatching(BY_ADDRESS)],
      [1, 'placed', expect.stringMatching(BY_ADDRESS)],
      [2, 'placed', expect.stringMatching(BY_ADDRESS)],
      [
        3,
        'invalid',
        expect.stringMatching(/only by a CssSelector, which points into the web page's markup/),
      ],
    ])
    expect(await harbourAnnotations()).toEqual([
      {
        passage: 'walked out on Tuesday',
        status: 'anchored',
        note: 'Who else confirms the walkout?',
        tags: [],
      },
      {
        passage: 'issued on Wednesday morning',
        status: 'anchored',
        note: '[en] Date confirmed.\n\n[de] Datum bestätigt.\n\n<https://www.wikidata.org/wiki/Q1234567>',
        tags: [],
      },
      {
        passage: 'two million euros',
        status: 'anchored',
        note: 'Check the demurrage figure & who paid it.',
        tags: ['economy'],
      },
    ])
  })

  it('reads Recogito: every target of an annotation is a passage, with its note and tags', async () => {
    const report = await importFixture('recogito.json')
    expect(report).toMatchObject({ total: 3, imported: 3, placed: 3, refused: 0, invalid: 0 })
    expect(outcomes(report)).toEqual([
      [0, 'placed', expect.stringMatching(/names no article here; matched by its passage/)],
      [0, 'placed', expect.stringMatching(/names no article here; matched by its passage/)],
      [1, 'placed', expect.stringMatching(/names no article here; matched by its passage/)],
    ])
    const note = 'Same person in both places.'
    expect(await harbourAnnotations()).toEqual([
      { passage: 'northern harbour', status: 'anchored', note: '', tags: ['Place'] },
      { passage: 'Union leader', status: 'anchored', note, tags: ['Person'] },
      { passage: 'Marta Kowalska', status: 'anchored', note, tags: ['Person'] },
    ])
  })

  it('reads Apache Annotator: text ranges and refinements mark the refined passage, never the sentence', async () => {
    const report = await importFixture('apache-annotator.json')
    expect(outcomes(report)).toEqual([
      [0, 'placed', expect.stringMatching(/the ends of its range found in the text$/)],
      [1, 'placed', expect.stringMatching(/passage found as written$/)],
      [2, 'placed', expect.stringMatching(/the ends of its range found in the text$/)],
      [
        3,
        'invalid',
        expect.stringMatching(/^its range's ends are not text selectors \(.*XPathSelector/),
      ],
      [
        4,
        'refused',
        expect.stringMatching(/gives only a position, and the text has nothing there/),
      ],
    ])
    expect((await harbourAnnotations()).map((a) => [a.passage, a.status, a.note])).toEqual([
      ['The port authority said 14 vessels were waiting at anchor', 'anchored', ''],
      ['Marta Kowalska', 'anchored', 'Only the name, not the sentence.'],
      ['two million euros', 'anchored', 'The figure inside the sentence.'],
    ])
  })

  it('puts nothing on the other articles', async () => {
    for (const name of [
      'hypothesis-export.json',
      'hypothesis-search.json',
      'dokieli.json',
      'recogito.json',
      'apache-annotator.json',
    ]) {
      const report = await importFixture(name)
      expect(report.articleIds.filter((id) => id !== harbour)).toEqual([])
    }
    for (const id of Object.values(fx.ids)) {
      expect((await fx.core.store.readArticle(id)).annotations).toEqual([])
    }
  })
})
