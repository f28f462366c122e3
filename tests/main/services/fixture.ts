/**
 * A small library of three articles for service tests, driven through the real channels.
 */
import { articleText } from '../../../src/shared/domain/article'
import type { Annotation, AnnotationKind } from '../../../src/shared/domain/annotation'
import type { ChannelInput } from '../../../src/shared/ipc/contract'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, type TestCore } from '../../support/core'

export const GRAIN = `Ministry Confirms Grain Corridor Talks

Officials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.

She added that 12 ships were waiting in port [citation: Ministry press office].`

export const PORT = `Port Authority Reports Record Grain Shipments

The port handled 4.2 million tonnes of grain in October, said Maria Keller, the authority's head of logistics.

Reuters cited the ministry of agriculture as saying exports would rise further.`

export const CARS = `Automaker Halts Assembly

BMW will stop assembling cars at the Avtotor plant, said Ilya Baryshev, the automaker's official representative in Russia.

RIA Novosti cited BMW's press service as saying the decision was final.`

export interface Fixture {
  readonly dir: string
  readonly core: TestCore
  readonly ids: { readonly grain: string; readonly port: string; readonly cars: string }
  /** Annotate the first occurrence of `quote` in an article. */
  annotate(
    articleId: string,
    quote: string,
    options?: { kind?: AnnotationKind; tags?: string[]; note?: string },
  ): Promise<Annotation>
  /** The offsets of the first occurrence of `quote` in an article's text. */
  span(articleId: string, quote: string): Promise<{ start: number; end: number }>
  /** Everything undo must restore: every article's state, the codebook, and the derived index figures. */
  state(): Promise<unknown>
  close(): Promise<void>
}

/** Everything undo must restore: every article's state, the codebook, and the derived index figures. */
export async function libraryState(core: TestCore): Promise<unknown> {
  const articles: Record<string, unknown> = {}
  for (const entry of core.store.listArticles()) {
    const { readOnlyReason: _r, ...file } = await core.store.readArticle(entry.id)
    articles[entry.id] = file
  }
  const index = core.store.listArticles().map((e) => ({
    id: e.id,
    status: e.status,
    tags: e.tags,
    annotationCount: e.annotationCount,
    claimCount: e.claimCount,
    tagCounts: e.tagCounts,
  }))
  return { articles, codebook: core.store.readCodebook(), index }
}

/** Open a fresh library with the three articles and a clock that ticks a second per call. */
export async function openFixture(): Promise<Fixture> {
  const dir = await makeTempDir()
  let tick = Date.parse('2025-01-01T00:00:00Z')
  const core = await openTestCore(dir, () => new Date((tick += 1000)))
  const report = await core.value('import:files', {
    files: [textFile('grain.txt', GRAIN), textFile('port.txt', PORT), textFile('cars.txt', CARS)],
  })
  const [grain, port, cars] = report.outcomes.map((o) => (o.status === 'imported' ? o.id : ''))
  await core.store.backupDone
  const span = async (articleId: string, quote: string) => {
    const { article } = await core.value('article:get', { id: articleId })
    const start = articleText(article.blocks).indexOf(quote)
    if (start < 0) throw new Error(`"${quote}" is not in ${articleId}`)
    return { start, end: start + quote.length }
  }
  return {
    dir,
    core,
    ids: { grain: grain!, port: port!, cars: cars! },
    span,
    async annotate(articleId, quote, options = {}) {
      const input: ChannelInput<'annotation:create'> = {
        articleId,
        ...(await span(articleId, quote)),
        kind: options.kind ?? 'highlight',
        tags: options.tags ?? [],
        note: options.note ?? '',
      }
      return core.value('annotation:create', input)
    },
    state: () => libraryState(core),
    async close() {
      await core.close()
      await removeDir(dir)
    },
  }
}

/** The annotations `seed` makes, by role. */
export interface Seeded {
  /** Highlight in grain: topic/ports, entity/ministry. */
  readonly h1: Annotation
  /** Claim in grain: topic/grain corridor. */
  readonly c1: Annotation
  /** Claim in port: topic/ports/exports, entity/ministry; supports c1. */
  readonly c2: Annotation
  /** Claim in cars: entity/company/BMW. */
  readonly c3: Annotation
}

/**
 * Fill the fixture with tagged highlights and claims, a cross-article link and article tags.
 *
 * Grain is tagged `topic/grain corridor`, port `topic/ports`.
 */
export async function seed(fx: Fixture): Promise<Seeded> {
  const { grain, port, cars } = fx.ids
  const h1 = await fx.annotate(grain, '12 ships were waiting in port', {
    tags: ['topic/ports', 'entity/ministry'],
    note: 'Check the **count**',
  })
  const c1 = await fx.annotate(grain, 'talks on the grain corridor will resume', {
    kind: 'claim',
    tags: ['topic/grain corridor'],
  })
  const c2 = await fx.annotate(port, 'exports would rise further', {
    kind: 'claim',
    tags: ['topic/ports/exports', 'entity/ministry'],
  })
  const c3 = await fx.annotate(cars, 'BMW will stop assembling cars', {
    kind: 'claim',
    tags: ['entity/company/BMW'],
  })
  await fx.core.value('claim:link', {
    from: { articleId: port, annotationId: c2.id },
    to: { articleId: grain, annotationId: c1.id },
    relation: 'supports',
  })
  await fx.core.value('article:update', { id: grain, patch: { tags: ['topic/grain corridor'] } })
  await fx.core.value('article:update', { id: port, patch: { tags: ['Topic/Ports'] } })
  return { h1, c1, c2, c3 }
}

/** Tag counts as they really are, counted from every article file. */
export async function countedTags(
  fx: Fixture,
): Promise<Record<string, { annotationCount: number; articleCount: number }>> {
  const counts: Record<string, { annotationCount: number; articleCount: number }> = {}
  const bump = (name: string) =>
    (counts[name.toLowerCase()] ??= { annotationCount: 0, articleCount: 0 })
  for (const entry of fx.core.store.listArticles()) {
    const file = await fx.core.store.readArticle(entry.id)
    const used = new Set<string>(file.tags.map((t) => t.toLowerCase()))
    for (const a of file.annotations) {
      for (const t of a.tags) {
        bump(t).annotationCount++
        used.add(t.toLowerCase())
      }
    }
    for (const t of used) bump(t).articleCount++
  }
  return counts
}

/** What `codebook:list` says the counts are, keyed like `countedTags`, tags with no uses left out. */
export async function listedCounts(
  fx: Fixture,
): Promise<Record<string, { annotationCount: number; articleCount: number }>> {
  const tags = await fx.core.value('codebook:list', {})
  return Object.fromEntries(
    tags
      .filter((t) => t.annotationCount + t.articleCount > 0)
      .map((t) => [
        t.name.toLowerCase(),
        { annotationCount: t.annotationCount, articleCount: t.articleCount },
      ]),
  )
}
