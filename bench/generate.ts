/**
 * A deterministic library: articles, annotations, tags and import files from a seed.
 *
 * Why a generator and not fixtures: the figures must be measured at 10,000
 * articles and 100,000 annotations, which is too much to keep in the
 * repository. The same seed always gives the same texts, spans, tags and
 * ids. Texts are about 4 KB of English-like prose with Cyrillic sentences
 * mixed in; word frequencies follow a Zipf law, so search sees common,
 * middling and rare words as in real news text.
 *
 * The library is written through the real store (`LibraryStore.addArticles`,
 * `mutateArticle`, `mutateCodebook`), so the files on disk are exactly what
 * the app writes. Only generation passes the store an `io` whose file fsync
 * is a no-op (the directory is still fsynced): generation is not measured,
 * and the bytes written are the same.
 */
import { open as fsOpen } from 'node:fs/promises'
import { articleText, countWords, type Block } from '../src/shared/domain/article'
import {
  DEFAULT_CLAIM_STATUSES,
  type Annotation,
  type AnnotationTarget,
} from '../src/shared/domain/annotation'
import { describeSpan } from '../src/shared/anchoring'
import { articleIdOf, contentHashOf } from '../src/main/services/articles'
import { newClaim } from '../src/shared/domain/claim-fields'
import { TAG_PALETTE } from '../src/main/services/codebook'
import { newIndexEntry } from '../src/main/store/derived'
import type { IndexEntry, TagRecord } from '../src/main/store/files'
import { LibraryStore } from '../src/main/store/library-store'
import { realIo, type WriteIo } from '../src/main/store/durable-file'

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  hex(chars: number): string {
    let out = ''
    while (out.length < chars)
      out += Math.floor(this.next() * 0x10000)
        .toString(16)
        .padStart(4, '0')
    return out.slice(0, chars)
  }
}

const LATIN_ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'd',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'r',
  's',
  'st',
  't',
  'tr',
  'v',
  'w',
]
const LATIN_NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io']
const LATIN_CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'nd', 'st', 'rk']
const CYR_ONSETS = [
  'б',
  'в',
  'г',
  'д',
  'ж',
  'з',
  'к',
  'л',
  'м',
  'н',
  'п',
  'р',
  'с',
  'т',
  'х',
  'ч',
  'ш',
  'пр',
  'ст',
  'тр',
]
const CYR_NUCLEI = ['а', 'е', 'и', 'о', 'у', 'я', 'ё', 'ы', 'ю']
const CYR_CODAS = ['', '', 'н', 'р', 'с', 'т', 'й', 'л', 'к', 'ст']
const FUNCTION_WORDS = [
  'the',
  'of',
  'and',
  'to',
  'in',
  'a',
  'that',
  'for',
  'on',
  'with',
  'said',
  'was',
  'is',
  'by',
  'as',
  'it',
  'from',
  'at',
  'has',
  'its',
]
const CYR_FUNCTION_WORDS = ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'это', 'как', 'из']
const NEWS_WORDS = [
  'minister',
  'council',
  'port',
  'budget',
  'contract',
  'report',
  'election',
  'ministry',
  'court',
  'agency',
  'company',
  'prices',
  'workers',
  'hospital',
  'funding',
  'police',
  'investigation',
  'statement',
  'officials',
  'committee',
  'government',
  'shipping',
  'energy',
  'grain',
  'flour',
  'nurses',
  'terminal',
  'capacity',
  'loan',
  'bank',
]
const CYR_NEWS_WORDS = [
  'министр',
  'совет',
  'порт',
  'бюджет',
  'контракт',
  'доклад',
  'выборы',
  'суд',
  'агентство',
  'компания',
  'цены',
  'рабочие',
  'больница',
  'полиция',
  'заявление',
  'правительство',
  'энергия',
  'зерно',
  'мука',
  'кредит',
]

function makeWords(
  rng: Rng,
  count: number,
  onsets: string[],
  nuclei: string[],
  codas: string[],
): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  while (out.length < count) {
    const syllables = rng.int(1, 3)
    let w = ''
    for (let i = 0; i < syllables; i++) w += rng.pick(onsets) + rng.pick(nuclei)
    w += rng.pick(codas)
    if (w.length < 3 || seen.has(w)) continue
    seen.add(w)
    out.push(w)
  }
  return out
}

/** Words with Zipf-distributed frequencies; rank 0 is the most frequent. */
export class Vocabulary {
  private readonly cumulative: Float64Array
  constructor(
    readonly words: readonly string[],
    exponent = 1.07,
  ) {
    this.cumulative = new Float64Array(words.length)
    let sum = 0
    for (let i = 0; i < words.length; i++) {
      sum += 1 / Math.pow(i + 1, exponent)
      this.cumulative[i] = sum
    }
  }
  sample(rng: Rng): string {
    const total = this.cumulative[this.cumulative.length - 1] as number
    const x = rng.next() * total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) < x) lo = mid + 1
      else hi = mid
    }
    return this.words[lo] as string
  }
}

export interface GeneratedArticle {
  readonly entry: IndexEntry
  readonly blocks: Block[]
  readonly text: string
  /** The same article as a plain-text file, for the import figure. */
  readonly fileText: string
}

export interface GeneratorOptions {
  readonly seed: number
}

const SOURCES = Array.from({ length: 40 }, (_, i) =>
  i % 5 === 4
    ? `новости-${i}.ru`
    : `${['northsea', 'harbour', 'metro', 'valley', 'coastal'][i % 5]}-${['dispatch', 'herald', 'times', 'post', 'gazette', 'wire', 'daily', 'review'][i % 8]}.com`,
)

/** The deterministic world the generator draws from: vocabularies, tags, sources. */
export class Generator {
  readonly english: Vocabulary
  readonly cyrillic: Vocabulary
  readonly tags: readonly TagRecord[]
  private readonly tagVocab: Vocabulary

  constructor(readonly seed: number) {
    const rng = new Rng(seed)
    const latin = makeWords(rng, 20_000, LATIN_ONSETS, LATIN_NUCLEI, LATIN_CODAS)
    const cyr = makeWords(rng, 5_000, CYR_ONSETS, CYR_NUCLEI, CYR_CODAS)
    this.english = new Vocabulary([
      ...FUNCTION_WORDS,
      ...NEWS_WORDS,
      ...latin.filter((w) => !FUNCTION_WORDS.includes(w) && !NEWS_WORDS.includes(w)),
    ])
    this.cyrillic = new Vocabulary([
      ...CYR_FUNCTION_WORDS,
      ...CYR_NEWS_WORDS,
      ...cyr.filter((w) => !CYR_FUNCTION_WORDS.includes(w) && !CYR_NEWS_WORDS.includes(w)),
    ])
    const groups = [
      'topic',
      'entity/company',
      'entity/person',
      'place',
      'claim-type',
      'source-type',
      'figure',
      'тема',
      'method',
      'follow-up',
    ]
    const tags: TagRecord[] = []
    for (let i = 0; i < 500; i++) {
      const group = groups[i % groups.length] as string
      const leaf =
        i % 10 === 7
          ? (this.cyrillic.words[100 + i] as string)
          : (this.english.words[60 + i] as string)
      tags.push({
        name: `${group}/${leaf}-${i}`,
        color: TAG_PALETTE[i % TAG_PALETTE.length] as string,
        description: i % 3 === 0 ? `Passages about ${leaf}.` : '',
        slot: i < 9 ? i + 1 : null,
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      })
    }
    this.tags = tags
    this.tagVocab = new Vocabulary(
      tags.map((t) => t.name),
      1.0,
    )
  }

  /** A sentence of `words` words, English or Cyrillic. */
  sentence(rng: Rng, cyrillic: boolean): string {
    const vocab = cyrillic ? this.cyrillic : this.english
    const n = rng.int(8, 20)
    const words: string[] = []
    for (let i = 0; i < n; i++) {
      let w = vocab.sample(rng)
      if (!cyrillic && rng.chance(0.02)) w = String(rng.int(2, 9_999))
      words.push(w)
    }
    const first = words[0] as string
    words[0] = first.charAt(0).toLocaleUpperCase('und') + first.slice(1)
    if (n > 10 && rng.chance(0.3)) words[rng.int(3, n - 3)] += ','
    let s = words.join(' ') + '.'
    if (rng.chance(0.08)) s = `“${s}”`
    return s
  }

  /** Article number `n` of this seed: the same text for the same (seed, n). */
  article(n: number, importedAt: Date): GeneratedArticle {
    const rng = new Rng(this.seed * 1_000_003 + n * 7_919 + 17)
    const titleWords = Array.from({ length: rng.int(6, 10) }, () => this.english.sample(rng))
    const title = titleWords.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') + ` ${n}`
    const blocks: Block[] = []
    let size = 0
    const target = rng.int(3_700, 4_300)
    let paragraph = 0
    while (size < target) {
      paragraph++
      if (paragraph > 1 && paragraph % 4 === 0 && rng.chance(0.4)) {
        const heading = Array.from({ length: rng.int(3, 6) }, () => this.english.sample(rng)).join(
          ' ',
        )
        const text = heading.charAt(0).toUpperCase() + heading.slice(1)
        blocks.push({ type: 'heading', text })
        size += text.length + 2
        continue
      }
      const cyrillic = rng.chance(0.15)
      const sentences = Array.from({ length: rng.int(2, 5) }, () => this.sentence(rng, cyrillic))
      const text = sentences.join(' ')
      blocks.push({ type: 'paragraph', text })
      size += text.length + 2
    }
    const text = articleText(blocks)
    const contentHash = contentHashOf(blocks)
    const source = SOURCES[rng.int(0, SOURCES.length - 1)] as string
    const entry: IndexEntry = newIndexEntry(articleIdOf(contentHash), {
      contentHash,
      addedAt: importedAt.toISOString(),
      fileName: `article-${String(n).padStart(5, '0')}.txt`,
      title,
      titleDerived: false,
      source,
      byline: rng.chance(0.6) ? `By ${this.english.sample(rng)} ${this.english.sample(rng)}` : null,
      publishedAt: new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28)))
        .toISOString()
        .slice(0, 10),
      url: `https://${source}/news/${n}`,
      language: 'en',
      citations: [],
      wordCount: countWords(text),
    })
    const fileText = `${title}\n\n${blocks.map((b) => b.text).join('\n\n')}\n`
    return { entry, blocks, text, fileText }
  }

  /** The same article with one word of its last paragraph changed: same length, another hash. */
  twin(of: GeneratedArticle, importedAt: Date): GeneratedArticle {
    const blocks = of.blocks.map((b) => ({ ...b }))
    const last = blocks[blocks.length - 1] as Block
    blocks[blocks.length - 1] = {
      ...last,
      text: last.text.replace(/\p{L}(?=\p{L}*\.$)/u, (c) => (c === 'x' ? 'y' : 'x')),
    }
    const text = articleText(blocks)
    const contentHash = contentHashOf(blocks)
    const entry: IndexEntry = newIndexEntry(articleIdOf(contentHash), {
      ...of.entry.original,
      title: `${of.entry.title} (no annotations)`,
      contentHash,
      fileName: null,
      addedAt: importedAt.toISOString(),
      wordCount: countWords(text),
    })
    return {
      entry,
      blocks,
      text,
      fileText: `${entry.title}\n\n${blocks.map((b) => b.text).join('\n\n')}\n`,
    }
  }

  /** Word-aligned span of `text` of roughly `min`-`max` characters. */
  span(rng: Rng, text: string, min: number, max: number): [number, number] {
    for (let attempt = 0; attempt < 50; attempt++) {
      let start = rng.int(0, Math.max(0, text.length - min - 1))
      while (start > 0 && /\S/u.test(text.charAt(start - 1))) start--
      let end = Math.min(text.length, start + rng.int(min, max))
      while (end < text.length && /\S/u.test(text.charAt(end))) end++
      const quote = text.slice(start, end)
      if (quote.trim().length === quote.length && quote.length >= 3) return [start, end]
    }
    return [0, Math.min(text.length, max)]
  }

  /** Tags for an annotation: none to three, Zipf-distributed over the codebook. */
  annotationTags(rng: Rng): string[] {
    const n = rng.chance(0.3) ? 0 : rng.int(1, 3)
    return [...new Set(Array.from({ length: n }, () => this.tagVocab.sample(rng)))]
  }

  note(rng: Rng): string {
    const cyr = rng.chance(0.15)
    return Array.from({ length: rng.int(1, 3) }, () => this.sentence(rng, cyr)).join(' ')
  }

  /**
   * `count` annotations on an article; `drifted` of them were made on an
   * earlier version of the text (one word of the passage has since changed),
   * so they can only be found again by fuzzy matching.
   */
  annotations(
    article: GeneratedArticle,
    count: number,
    options: { drifted?: number; spanMin?: number; spanMax?: number; salt?: number } = {},
  ): Annotation[] {
    const rng = new Rng(
      this.seed * 31 + (options.salt ?? 0) + parseInt(article.entry.contentHash.slice(0, 8), 16),
    )
    const out: Annotation[] = []
    const drifted = options.drifted ?? 0
    for (let i = 0; i < count; i++) {
      const isDrifted = i < drifted
      const [start, end] = this.span(
        rng,
        article.text,
        isDrifted ? 60 : (options.spanMin ?? 30),
        isDrifted ? 140 : (options.spanMax ?? 180),
      )
      let target: AnnotationTarget = describeSpan(
        article.text,
        start,
        end,
        article.entry.contentHash,
      )
      if (isDrifted) target = this.driftedTarget(rng, article.text, start, end)
      const kind = rng.chance(0.3) ? 'claim' : 'highlight'
      const at = new Date(Date.UTC(2025, 0, 1) + (i + rng.int(0, 1e6)) * 60_000).toISOString()
      const claim =
        kind === 'claim'
          ? newClaim(target.quote.exact, { claimStatuses: DEFAULT_CLAIM_STATUSES })
          : null
      if (claim) {
        claim.status = rng.pick([
          'unverified',
          'unverified',
          'corroborated',
          'disputed',
          'false',
          'opinion',
        ])
        if (rng.chance(0.5))
          claim.claimant = `${this.english.sample(rng)} ${this.english.sample(rng)}`
      }
      out.push({
        id: `ann-${rng.hex(16)}`,
        articleId: article.entry.id,
        target,
        kind,
        tags: this.annotationTags(rng),
        note: rng.chance(0.4) ? this.note(rng) : '',
        claim,
        createdAt: at,
        updatedAt: at,
      })
    }
    return out
  }

  /** A target made on an older text in which one word of the passage was different. */
  private driftedTarget(rng: Rng, text: string, start: number, end: number): AnnotationTarget {
    const quote = text.slice(start, end)
    const words = [...quote.matchAll(/\p{L}{4,}/gu)]
    const victim = words.length > 0 ? words[rng.int(0, words.length - 1)] : undefined
    if (!victim || victim.index === undefined) {
      return describeSpan(text, start, end, 'sha256-of-an-earlier-version')
    }
    const replacement = victim[0].split('').reverse().join('') + 'e'
    const older =
      text.slice(0, start + victim.index) +
      replacement +
      text.slice(start + victim.index + victim[0].length)
    const shift = replacement.length - victim[0].length
    return describeSpan(older, start, end + shift, `sha256-of-an-earlier-version-${rng.hex(8)}`)
  }
}

/** Library contents: which articles, and how many annotations each gets. */
export interface LibraryPlan {
  readonly articles: number
  readonly annotations: number
  /** Articles with 200 annotations (20 drifted), first in the library. */
  readonly heavy: number
}

export interface BuiltLibrary {
  readonly dir: string
  readonly articles: readonly GeneratedArticle[]
  readonly heavyIds: readonly string[]
  readonly twinIds: readonly string[]
  /** Articles with an ordinary number of annotations (neither heavy nor twins). */
  readonly plainIds: readonly string[]
  readonly annotationCount: number
  /** Everything the naive single-file reference needs, as plain data. */
  readonly states: Map<string, { annotations: Annotation[] }>
}

const HEAVY_ANNOTATIONS = 200
const HEAVY_DRIFTED = 20

/** An io for generation only: the data is written and renamed exactly as usual, without fsyncing each file. */
function generationIo(): WriteIo {
  return {
    ...realIo,
    open: (async (...args: Parameters<typeof fsOpen>) => {
      const handle = await fsOpen(...args)
      return {
        writeFile: handle.writeFile.bind(handle),
        stat: handle.stat.bind(handle),
        close: handle.close.bind(handle),
        sync: async () => undefined,
      }
    }) as WriteIo['open'],
  }
}

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await task(item)
    }
  })
  await Promise.all(workers)
}

/**
 * Write a library of `plan.articles` articles through the store.
 *
 * Order: `heavy` articles with 200 annotations each, then their twins (same
 * text, one word changed, no annotations), then plain articles that share
 * the remaining annotations at random.
 */
export async function buildLibrary(
  gen: Generator,
  dir: string,
  plan: LibraryPlan,
): Promise<BuiltLibrary> {
  const importedAt = new Date(Date.UTC(2025, 0, 2))
  const heavy = Math.min(plan.heavy, Math.floor(plan.articles / 4))
  const articles: GeneratedArticle[] = []
  for (let i = 0; i < heavy; i++) articles.push(gen.article(i, importedAt))
  for (let i = 0; i < heavy; i++)
    articles.push(gen.twin(articles[i] as GeneratedArticle, importedAt))
  for (let i = heavy; articles.length < plan.articles; i++)
    articles.push(gen.article(i, importedAt))

  const rng = new Rng(gen.seed ^ 0x5eed)
  const counts = new Map<string, number>()
  const plainIds = articles.slice(2 * heavy).map((a) => a.entry.id)
  const remaining = Math.max(0, plan.annotations - heavy * HEAVY_ANNOTATIONS)
  for (let i = 0; i < remaining && plainIds.length > 0; i++) {
    const id = plainIds[Math.floor(rng.next() * plainIds.length)] as string
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }

  const store = await LibraryStore.open({ dir, io: generationIo(), indexDelayMs: 2_000 })
  const states = new Map<string, { annotations: Annotation[] }>()
  let annotationCount = 0
  try {
    await store.mutateCodebook((draft) => {
      draft.tags = gen.tags.map((t) => ({ ...t }))
    })
    const batches: GeneratedArticle[][] = []
    for (let i = 0; i < articles.length; i += 250) batches.push(articles.slice(i, i + 250))
    // Batches are committed one after another, so the index keeps the generator's order.
    for (const batch of batches) {
      await store.addArticles(batch.map((a) => ({ entry: a.entry, blocks: a.blocks })))
    }
    const claimPool: { articleId: string; annotationId: string }[] = []
    const work = articles.map((article, i) => {
      const isHeavy = i < heavy
      const count = isHeavy ? HEAVY_ANNOTATIONS : (counts.get(article.entry.id) ?? 0)
      const annotations = isHeavy
        ? gen.annotations(article, count, { drifted: HEAVY_DRIFTED, spanMin: 15, spanMax: 70 })
        : gen.annotations(article, count)
      for (const a of annotations) {
        if (a.claim && claimPool.length > 0 && rng.chance(0.03)) {
          const to = claimPool[
            Math.floor(rng.next() * claimPool.length)
          ] as (typeof claimPool)[number]
          a.claim.links.push({
            relation: rng.pick(['supports', 'contradicts', 'same-as', 'repeats'] as const),
            ...to,
          })
        }
      }
      for (const a of annotations)
        if (a.claim && rng.chance(0.2))
          claimPool.push({ articleId: a.articleId, annotationId: a.id })
      return {
        article,
        annotations,
        status: rng.pick(['unread', 'unread', 'reading', 'done'] as const),
        note: rng.chance(0.2) ? gen.note(rng) : '',
      }
    })
    await inParallel(work, 16, async ({ article, annotations, status, note }) => {
      states.set(article.entry.id, { annotations })
      annotationCount += annotations.length
      if (annotations.length === 0 && status === 'unread' && note === '') return
      await store.mutateArticle(article.entry.id, (draft) => {
        draft.annotations = annotations
        draft.status = status
        draft.note = note
      })
    })
  } finally {
    await store.close()
  }
  return {
    dir,
    articles,
    heavyIds: articles.slice(0, heavy).map((a) => a.entry.id),
    twinIds: articles.slice(heavy, 2 * heavy).map((a) => a.entry.id),
    plainIds,
    annotationCount,
    states,
  }
}
