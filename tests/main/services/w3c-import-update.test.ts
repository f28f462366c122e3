/**
 * W3C import into a library whose copy of the story is not the annotated text:
 * the outlet updated it (a paragraph deleted, a sentence reworded, a date
 * corrected, typography changed), and another outlet's copy of the same wire
 * story sits beside it. Every annotation must end up on the right article,
 * placed, drifted with its own words, or kept as an orphan: never dropped,
 * never moved to the other outlet, never silently re-quoted.
 *
 * The text is a real article (tests/shared/export/briefing-fixtures.ts uses
 * the same story); the edits are the kind outlets make after publication.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src/shared/domain/annotation'
import { articleText } from '../../../src/shared/domain/article'
import type { ChannelInput, W3cImportReport } from '../../../src/shared/ipc/contract'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, type TestCore } from '../../support/core'
import { libraryState } from './fixture'

const TITLE = 'BMW Maintains Ties With Avtotor Amid Russian Market Uncertainty'
const URL = 'https://socialbites.ca/economy/bmw-maintains-ties-with-avtotor.html'

const P1 =
  'BMW continues its cooperation with the Avtotor plant in Kaliningrad, a detail confirmed to socialbites.ca by Ilya Baryshev, the automaker’s official representative in Russia. He stressed that reports claiming the relationship with Avtotor had been severed are not reliable.'
const P2 =
  'We have not received any notification about ending the business with Avtotor, Baryshev stated, underscoring the company’s intention to maintain ongoing collaboration despite evolving circumstances.'
const P3 =
  'Earlier in March of the previous year, RIA Novosti cited BMW’s press service in Russia as saying that deliveries to the Russian market and local vehicle production had been temporarily suspended due to the geopolitical climate. The automaker promised to decide its next steps contingent on the situation’s development.'
const P4 =
  'In a related note, socialbites.ca previously reported that the Russian representative office of the BMW Group managed to arrange the supply of spare parts for service and warranty maintenance for vehicles already sold in Russia, ensuring continued aftersales support amid broader uncertainties.'
const P5 =
  'The current stance from BMW reflects a cautious approach: while direct production and new deliveries are kept at a distance from the Russian market, existing customers and earlier sales receive ongoing support, and the company signals readiness to adapt in response to changes in the external environment. This dual posture—maintaining parts availability and not committing to full restoration of normal supply lines—illustrates how international automakers balance regional restrictions with obligations to current owners.'
const P6 =
  'From a strategic standpoint, BMW’s emphasis on sustaining service and warranty operations, even as new vehicle inflows pause, helps preserve trust among customers who already own BMW vehicles in Russia. The situation at Avtotor, a significant local assembler, remains a focal point for evaluating the resilience of cross-border automotive supply chains in the region.'
const P7 =
  'Industry observers suggest that future developments will hinge on multiple factors, including sanctions dynamics, currency stability, and the strategic recalibration of production footprints.'

function markdown(meta: { title: string; url: string; source: string }, paragraphs: string[]) {
  return `---\ntitle: "${meta.title}"\nurl: ${meta.url}\nsource: ${meta.source}\n---\n\n${paragraphs.join('\n\n')}\n`
}

const ORIGINAL = markdown({ title: TITLE, url: URL, source: 'socialbites.ca' }, [
  P1,
  P2,
  P3,
  P4,
  P5,
  P6,
  P7,
])

/** The outlet's update: P4 deleted, a date corrected, a sentence reworded, typography changed. */
const UPDATED = markdown(
  // Outlets change headlines too; the address stays.
  {
    title: 'BMW Keeps Ties With Avtotor Plant Amid Russian Market Uncertainty',
    url: URL,
    source: 'socialbites.ca',
  },
  [
    P1.replace('automaker’s', "automaker's"),
    P2,
    P3.replace('Earlier in March', 'Earlier in May').replace(
      'contingent on the situation’s',
      'depending on the situation’s',
    ),
    P5.replace('posture—maintaining', 'posture - maintaining'),
    P6,
    P7,
  ],
)

/** Another outlet's copy of the same wire story: the original wording, its own name and address. */
const OTHER_OUTLET = markdown(
  {
    title: 'BMW will keep working with Avtotor, its Russian representative says',
    url: 'https://motor.example.com/news/2024/02/bmw-avtotor',
    source: 'motor.example.com',
  },
  [
    P1.replace('socialbites.ca', 'Motor'),
    P2,
    P3,
    P4.replace('socialbites.ca', 'Motor'),
    P5,
    P6,
    P7,
  ],
)

type Expected = 'placed' | 'drifted' | 'orphaned' | 'placed or drifted'

/** The analyst's annotations on the original, and what must become of each on the update. */
const PASSAGES: readonly {
  quote: string
  expected: Expected
  /** The wording the update has instead, for a drifted one. */
  now?: string
  kind?: 'claim'
}[] = [
  { quote: 'continues its cooperation with the Avtotor plant in Kaliningrad', expected: 'placed' },
  {
    quote: 'reports claiming the relationship with Avtotor had been severed are not reliable',
    expected: 'placed',
  },
  {
    quote: 'We have not received any notification about ending the business with Avtotor',
    expected: 'placed',
    kind: 'claim',
  },
  {
    quote: 'Earlier in March of the previous year',
    expected: 'drifted',
    now: 'Earlier in May of the previous year',
  },
  {
    quote:
      'The automaker promised to decide its next steps contingent on the situation’s development.',
    expected: 'drifted',
    now: 'The automaker promised to decide its next steps depending on the situation’s development.',
    kind: 'claim',
  },
  {
    quote: 'managed to arrange the supply of spare parts for service and warranty maintenance',
    expected: 'orphaned',
    kind: 'claim',
  },
  {
    quote: 'ensuring continued aftersales support amid broader uncertainties',
    expected: 'orphaned',
  },
  {
    quote: 'This dual posture—maintaining parts availability',
    expected: 'drifted',
    now: 'This dual posture - maintaining parts availability',
  },
  {
    quote: 'the automaker’s official representative in Russia',
    expected: 'drifted',
    now: "the automaker's official representative in Russia",
  },
  {
    quote: 'helps preserve trust among customers who already own BMW vehicles in Russia',
    expected: 'placed',
    kind: 'claim',
  },
  { quote: 'a significant local assembler', expected: 'placed' },
  { quote: 'future developments will hinge on multiple factors', expected: 'placed' },
  {
    // Its own words are unchanged; only the dash just after it changed.
    quote:
      'the company signals readiness to adapt in response to changes in the external environment',
    expected: 'placed or drifted',
  },
]

interface Library {
  readonly dir: string
  readonly core: TestCore
  close(): Promise<void>
}

async function openLibrary(): Promise<Library> {
  const dir = await makeTempDir()
  let tick = Date.parse('2025-01-01T00:00:00Z')
  const core = await openTestCore(dir, () => new Date((tick += 1000)))
  return {
    dir,
    core,
    async close() {
      await core.close()
      await removeDir(dir)
    },
  }
}

async function importArticle(core: TestCore, name: string, text: string): Promise<string> {
  const report = await core.value('import:files', { files: [textFile(name, text)] })
  const outcome = report.outcomes[0]!
  if (outcome.status !== 'imported') throw new Error(`${name} not imported: ${outcome.status}`)
  return outcome.id
}

/** Annotate every passage on the original, each with its own note, tags and (for claims) fields. */
async function annotateOriginal(core: TestCore, id: string): Promise<Annotation[]> {
  const { article } = await core.value('article:get', { id })
  const text = articleText(article.blocks)
  const made: Annotation[] = []
  for (const [i, passage] of PASSAGES.entries()) {
    const start = text.indexOf(passage.quote)
    if (start < 0) throw new Error(`"${passage.quote}" is not in the original`)
    const input: ChannelInput<'annotation:create'> = {
      articleId: id,
      start,
      end: start + passage.quote.length,
      kind: passage.kind ?? 'highlight',
      tags: [`passage/${i}`, 'entity/company/BMW'],
      note: `Note ${i}: why this matters`,
    }
    let annotation = await core.value('annotation:create', input)
    if (annotation.kind === 'claim') {
      await core.value('claim:update', {
        articleId: id,
        annotationId: annotation.id,
        patch: { claimant: `Claimant ${i}`, status: 'disputed', confidence: 'high' },
      })
      const file = await core.store.readArticle(id)
      annotation = file.annotations.find((a) => a.id === annotation.id)!
    }
    made.push(annotation)
  }
  return made
}

async function exportW3c(core: TestCore, id: string): Promise<string> {
  return (await core.value('export:preview', { articleIds: [id], format: 'w3c' })).text
}

/** What the analyst recorded, which must survive wherever the annotation lands, by id. */
function recorded(annotations: readonly Annotation[]) {
  return annotations
    .map((a) => ({
      id: a.id,
      quote: a.target.quote.exact,
      kind: a.kind,
      tags: a.tags,
      note: a.note,
      claim: a.claim,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1))
}

/** The annotation id of each item of an exported document, by its index. */
function idsByIndex(document: string): string[] {
  const doc = JSON.parse(document) as { first: { items: { id: string }[] } }
  return doc.first.items.map((item) => item.id.replace('urn:workbench:annotation:', ''))
}

/** A target's source as the export writes it: the address as `id` and the hash as `canonical`, or the hash as `id`. */
interface ExportedSource {
  readonly id: string
  readonly title?: string
  readonly canonical?: string
}

/** The content hash URN of an exported source, as an older export (or a tool that drops the address) gives it. */
function hashOf(source: ExportedSource): string {
  return source.canonical ?? source.id
}

describe('W3C import onto an updated article beside another outlet’s copy', () => {
  let source: Library
  let target: Library
  let made: Annotation[]
  let exported: string
  let updatedId: string
  let otherId: string

  beforeEach(async () => {
    source = await openLibrary()
    target = await openLibrary()
    const originalId = await importArticle(source.core, 'original.md', ORIGINAL)
    made = await annotateOriginal(source.core, originalId)
    exported = await exportW3c(source.core, originalId)
    // The other outlet's copy first, so that no "first match wins" can favour the right one.
    otherId = await importArticle(target.core, 'other-outlet.md', OTHER_OUTLET)
    updatedId = await importArticle(target.core, 'updated.md', UPDATED)
  })

  afterEach(async () => {
    await source.close()
    await target.close()
  })

  it('drops none, moves none to the other outlet, and re-quotes none', async () => {
    const report = await target.core.value('annotation:importW3c', { data: exported })

    // Nothing on the other outlet's article; all 13 on the update, with everything recorded.
    expect((await target.core.store.readArticle(otherId)).annotations).toEqual([])
    // Never re-quoted either: each keeps the words the analyst marked.
    const stored = (await target.core.store.readArticle(updatedId)).annotations
    expect(recorded(stored)).toEqual(recorded(made))

    // Opened, the reader sees what became of each passage.
    const { article, annotations } = await target.core.value('article:get', { id: updatedId })
    const text = articleText(article.blocks)
    const status = new Map(annotations.map((a) => [a.id, a.anchor]))
    for (const [i, passage] of PASSAGES.entries()) {
      const anchor = status.get(made[i]!.id)!
      const expected =
        passage.expected === 'placed or drifted'
          ? ['anchored', 'drifted']
          : [passage.expected === 'placed' ? 'anchored' : passage.expected]
      expect(expected, passage.quote).toContain(anchor.status)
      if (anchor.status !== 'orphaned') {
        expect(text.slice(anchor.start!, anchor.end!), passage.quote).toBe(
          passage.now ?? passage.quote,
        )
      }
    }

    // The report says the same, item by item, with reasons.
    const outcomeAtOpen = (id: string) => {
      const s = status.get(id)!.status
      return s === 'anchored' ? 'placed' : s
    }
    const ids = idsByIndex(exported)
    expect(report.items).toHaveLength(PASSAGES.length)
    for (const item of report.items) {
      expect(item).toMatchObject({
        articleId: updatedId,
        outcome: outcomeAtOpen(ids[item.index]!),
        reason: expect.stringMatching(/^matched by its web address; /),
      })
    }
    const count = (outcome: string) => made.filter((a) => outcomeAtOpen(a.id) === outcome).length
    expect(report).toMatchObject({
      total: 13,
      imported: 13,
      placed: count('placed'),
      drifted: count('drifted'),
      orphaned: 2,
      refused: 0,
      duplicates: 0,
      invalid: 0,
      articleIds: [updatedId],
    })
    expect(report.placed).toBeGreaterThanOrEqual(6)
    expect(report.drifted).toBeGreaterThanOrEqual(4)
    // What needs a look comes first: the orphans, then the drifted.
    const orphans = PASSAGES.flatMap((p, i) => (p.expected === 'orphaned' ? [made[i]!.id] : []))
    expect(report.items.slice(0, 2).map((i) => [ids[i.index], i.outcome])).toEqual(
      orphans.map((id) => [id, 'orphaned']).sort((x, y) => ids.indexOf(x[0]!) - ids.indexOf(y[0]!)),
    )
    expect(report.items[2]?.outcome).toBe('drifted')
    const march = made[PASSAGES.findIndex((p) => p.quote.startsWith('Earlier in March'))]!
    expect(report.items.find((i) => ids[i.index] === march.id)).toMatchObject({
      outcome: 'drifted',
      quote: 'Earlier in March of the previous year',
      reason:
        'matched by its web address; wording changed, now "Earlier in May of the previous year"',
    })
  })

  it('is one undoable step, and importing the same file again adds nothing', async () => {
    const before = await libraryState(target.core)
    await target.core.value('annotation:importW3c', { data: exported })
    const after = await libraryState(target.core)
    const again = await target.core.value('annotation:importW3c', { data: exported })
    expect(again).toMatchObject({ imported: 0, duplicates: 13, refused: 0 })
    expect(await libraryState(target.core)).toEqual(after)
    expect(await target.core.value('history:state', {})).toMatchObject({
      undo: 'Import 13 annotations',
    })
    await target.core.value('history:undo', {})
    expect(await libraryState(target.core)).toEqual(before)
  })

  it('with only the text’s hash to go by (an older export), keeps the update’s orphans with the rest', async () => {
    // Without address and title, two outlets' copies cannot be told apart, so
    // this library holds only the update.
    await target.close()
    target = await openLibrary()
    updatedId = await importArticle(target.core, 'updated.md', UPDATED)
    const doc = JSON.parse(exported) as { first: { items: { target: { source: unknown } }[] } }
    for (const item of doc.first.items) {
      item.target.source = hashOf(item.target.source as ExportedSource)
    }
    const report = await target.core.value('annotation:importW3c', { data: JSON.stringify(doc) })
    expect(report).toMatchObject({ imported: 13, orphaned: 2, refused: 0 })
    expect(report.items.filter((i) => i.outcome === 'orphaned').map((i) => i.reason)).toEqual([
      'its source names no article here; the other annotations from it are on this one; passage not in its text (removed or rewritten), kept to be re-attached',
      'its source names no article here; the other annotations from it are on this one; passage not in its text (removed or rewritten), kept to be re-attached',
    ])
    const stored = (await target.core.store.readArticle(updatedId)).annotations
    expect(recorded(stored)).toEqual(recorded(made))
  })

  it('finds the article by an earlier version’s text when it was updated here', async () => {
    // This library had the original and took the outlet's update in place:
    // the annotated text is now an earlier version of the article.
    await target.close()
    target = await openLibrary()
    const id = await importArticle(target.core, 'original.md', ORIGINAL)
    await target.core.value('article:replaceText', { id, file: textFile('updated.md', UPDATED) })
    const doc = JSON.parse(exported) as { first: { items: { target: { source: unknown } }[] } }
    for (const item of doc.first.items) {
      item.target.source = { id: hashOf(item.target.source as ExportedSource) }
    }
    const report = await target.core.value('annotation:importW3c', { data: JSON.stringify(doc) })
    expect(report).toMatchObject({ imported: 13, orphaned: 2, refused: 0, articleIds: [id] })
    expect(report.items.every((i) => i.reason.startsWith('matched by its text; '))).toBe(true)
  })

  it('keeps annotations for an article in the trash with it, and says so', async () => {
    await target.close()
    target = await openLibrary()
    const id = await importArticle(target.core, 'original.md', ORIGINAL)
    await target.core.value('article:trash', { ids: [id] })
    const report = await target.core.value('annotation:importW3c', { data: exported })
    expect(report).toMatchObject({ imported: 13, placed: 13, refused: 0, articleIds: [id] })
    expect(report.items[0]?.reason).toBe(
      'matched by its text (in the trash); passage found as written',
    )
    await target.core.value('trash:restore', { ids: [id] })
    const { annotations } = await target.core.value('article:get', { id })
    expect(annotations.map((a) => a.anchor.status)).toEqual(PASSAGES.map(() => 'anchored'))
  })

  it('finds the article by its title when neither address nor text matches', async () => {
    await target.close()
    target = await openLibrary()
    // The update saved as plain text: no address, the original headline.
    const plain = UPDATED.replace(/^---[\s\S]*?---\n\n/u, `${TITLE}\n\n`)
    updatedId = await importArticle(target.core, 'updated.txt', plain)
    const doc = JSON.parse(exported) as { first: { items: { target: { source: unknown } }[] } }
    for (const item of doc.first.items) {
      const { title } = item.target.source as ExportedSource
      item.target.source = { id: hashOf(item.target.source as ExportedSource), title }
    }
    const report = await target.core.value('annotation:importW3c', { data: JSON.stringify(doc) })
    expect(report).toMatchObject({ imported: 13, orphaned: 2, refused: 0, articleIds: [updatedId] })
    expect(report.items.every((i) => i.reason.startsWith('matched by its title; '))).toBe(true)
  })

  it('refuses only what names no article and matches none, saying why', async () => {
    const doc = JSON.parse(exported) as { first: { items: Record<string, unknown>[] } }
    doc.first.items.push({
      type: 'Annotation',
      id: 'urn:workbench:annotation:elsewhere',
      body: [{ type: 'TextualBody', purpose: 'commenting', value: 'About another story' }],
      target: {
        type: 'SpecificResource',
        source: { id: 'urn:workbench:article:feed', type: 'Text', title: 'Another story' },
        selector: [{ type: 'TextQuoteSelector', exact: 'a passage in no article of this library' }],
      },
    })
    const report: W3cImportReport = await target.core.value('annotation:importW3c', {
      data: JSON.stringify(doc),
    })
    expect(report).toMatchObject({ total: 14, imported: 13, orphaned: 2, refused: 1 })
    expect(report.items[0]).toEqual({
      index: 13,
      outcome: 'refused',
      articleId: null,
      articleTitle: null,
      quote: 'a passage in no article of this library',
      reason: 'its source names no article here, and its passage is in none',
    })
  })
})

describe('W3C import when the source names no article', () => {
  let library: Library

  beforeEach(async () => {
    library = await openLibrary()
  })

  afterEach(async () => {
    await library.close()
  })

  it('lets agreeing context outweigh a bare quote match', async () => {
    // The quote stands verbatim in a roundup with other surroundings; in the
    // story it was made on, its surroundings agree but a typo was fixed in it.
    const roundup = await importArticle(
      library.core,
      'roundup.txt',
      `Weekly Roundup\n\nElsewhere this week: helps preserve trust among customers who already own BMW vehicles in Russia, a columnist wrote, though sales fell.`,
    )
    const story = await importArticle(
      library.core,
      'story.txt',
      `BMW Story\n\n${P6.replace('helps preserve', 'helps to preserve')}`,
    )
    const quote = 'helps preserve trust among customers who already own BMW vehicles in Russia'
    const at = P6.indexOf(quote)
    const data = JSON.stringify({
      type: 'Annotation',
      target: {
        source: 'https://gone.example/bmw',
        selector: {
          type: 'TextQuoteSelector',
          exact: quote,
          prefix: P6.slice(at - 32, at),
          suffix: P6.slice(at + quote.length, at + quote.length + 32),
        },
      },
    })
    const report = await library.core.value('annotation:importW3c', { data })
    expect(report).toMatchObject({ drifted: 1, articleIds: [story] })
    expect((await library.core.store.readArticle(roundup)).annotations).toEqual([])
    const [kept] = (await library.core.store.readArticle(story)).annotations
    expect(kept!.target.quote.exact).toBe(quote)
  })
})
