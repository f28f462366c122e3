/**
 * The benchmark's metric, on strings small enough to score by hand.
 *
 * `npm run eval:import` is only comparable with the benchmark's published
 * table if it scores the way the benchmark's `evaluate.py` does: `\w+`
 * tokens, multisets of 4-token shingles, each page normalised, and the MEAN
 * of per-page precision and recall (not pooled counts), with a page that
 * extracted nothing left out of precision. Each expectation below was worked
 * out on paper from that definition. The corpus itself is never needed.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusMissing, loadCorpus, readPublishedScores } from '../../bench/eval-import/corpus'
import {
  bootstrapSpread,
  matchShingles,
  pageF1,
  pagePrecision,
  pageRecall,
  sameTokens,
  scoreSet,
  shingles,
  tokenize,
} from '../../bench/eval-import/metric'
import { makeTempDir, removeDir } from '../support/temp-dir'

describe('tokens are runs of Unicode word characters, as Python’s \\w+', () => {
  const rows: { text: string; tokens: string[]; why: string }[] = [
    {
      why: 'punctuation and spaces split',
      text: 'Hello, world! It’s 2024.',
      tokens: ['Hello', 'world', 'It', 's', '2024'],
    },
    {
      why: 'letters of any script',
      text: 'Путин — «сказал» Zürich',
      tokens: ['Путин', 'сказал', 'Zürich'],
    },
    {
      why: 'underscore is a word character',
      text: 'snake_case-name',
      tokens: ['snake_case', 'name'],
    },
    {
      why: 'a combining mark is not (Python re)',
      text: 'cafe\u0301 noir',
      tokens: ['cafe', 'noir'],
    },
    { why: 'no text, no tokens', text: ' —… ', tokens: [] },
  ]
  for (const row of rows) {
    it(row.why, () => expect(tokenize(row.text)).toEqual(row.tokens))
  }
})

describe('shingles', () => {
  it('are overlapping runs of four tokens, counted', () => {
    const counts = shingles('a b c d a b c d')
    expect(counts.size).toBe(4) // abcd, bcda, cdab, dabc
    expect(counts.get(['a', 'b', 'c', 'd'].join('\u0000'))).toBe(2)
  })

  it('a text shorter than four tokens is one shorter shingle; an empty one has none', () => {
    expect([...shingles('two words').values()]).toEqual([1])
    expect(shingles('…').size).toBe(0)
  })
})

describe('one page: shares of shingles, normalised to sum to 1', () => {
  const truth = 'one two three four five six' // shingles: 1234 2345 3456
  const rows: {
    why: string
    extracted: string
    tp: number
    fp: number
    fn: number
    precision: number
    recall: number
  }[] = [
    {
      why: 'the same text, any punctuation',
      extracted: 'one, two; three — four… five six!',
      tp: 1,
      fp: 0,
      fn: 0,
      precision: 1,
      recall: 1,
    },
    {
      why: 'clutter kept',
      extracted: `${truth} seven`,
      tp: 3 / 4,
      fp: 1 / 4,
      fn: 0,
      precision: 3 / 4,
      recall: 1,
    },
    {
      why: 'text lost',
      extracted: 'one two three four',
      tp: 1 / 3,
      fp: 0,
      fn: 2 / 3,
      precision: 1,
      recall: 1 / 3,
    },
    { why: 'nothing extracted', extracted: '', tp: 0, fp: 0, fn: 1, precision: 0, recall: 0 },
    {
      why: 'wrong text',
      extracted: 'nine ten eleven twelve',
      tp: 0,
      fp: 1 / 4,
      fn: 3 / 4,
      precision: 0,
      recall: 0,
    },
  ]
  for (const row of rows) {
    it(row.why, () => {
      const match = matchShingles(truth, row.extracted)
      expect(match.tp).toBeCloseTo(row.tp, 12)
      expect(match.fp).toBeCloseTo(row.fp, 12)
      expect(match.fn).toBeCloseTo(row.fn, 12)
      expect(pagePrecision(match)).toBeCloseTo(row.precision, 12)
      expect(pageRecall(match)).toBeCloseTo(row.recall, 12)
    })
  }

  it('a repeated body is clutter: the second copy’s shingles are extra', () => {
    const match = matchShingles(truth, `${truth} ${truth}`)
    // 9 extracted shingles, 3 marked: 3 shared, 6 extra (3 repeats and 3 spanning the seam).
    expect(pagePrecision(match)).toBeCloseTo(3 / 9, 12)
    expect(pageRecall(match)).toBe(1)
  })

  it('per-page F1 is 0 when nothing matches', () => {
    expect(pageF1(matchShingles(truth, 'nine ten eleven twelve'))).toBe(0)
  })
})

describe('the set: mean of per-page scores, F1 from the means', () => {
  const short = 'a b c d' // 1 shingle
  const long = Array.from({ length: 103 }, (_, i) => `w${i}`).join(' ') // 100 shingles

  it('averages pages, so a long page weighs no more than a short one (not micro)', () => {
    const perfectShort = matchShingles(short, short)
    const halfLong = matchShingles(long, long.split(' ').slice(0, 53).join(' ')) // 50 of 100
    const { precision, recall, f1 } = scoreSet([perfectShort, halfLong])
    expect(precision).toBe(1)
    expect(recall).toBeCloseTo((1 + 0.5) / 2, 12) // pooled counts would give 51/101
    expect(f1).toBeCloseTo((2 * 1 * 0.75) / 1.75, 12)
  })

  it('a page that extracted nothing lowers recall but is left out of precision', () => {
    const { precision, recall } = scoreSet([matchShingles(short, short), matchShingles(long, '')])
    expect(precision).toBe(1)
    expect(recall).toBe(0.5)
  })

  it('F1 is formed from the mean precision and recall, not the mean of page F1s', () => {
    const clutter = matchShingles(short, `${short} x`) // P 1/2, R 1
    const lost = matchShingles(long, long.split(' ').slice(0, 13).join(' ')) // P 1, R 1/10
    const { f1 } = scoreSet([clutter, lost])
    expect(f1).toBeCloseTo((2 * 0.75 * 0.55) / 1.3, 12)
    expect(f1).not.toBeCloseTo((pageF1(clutter) + pageF1(lost)) / 2, 3)
  })

  it('accuracy compares token lists exactly, ignoring punctuation only', () => {
    expect(sameTokens('A b, c.', 'A  b c')).toBe(true)
    expect(sameTokens('A b c', 'a b c')).toBe(false)
  })

  it('the bootstrap spread is zero for identical pages and repeatable', () => {
    const same = Array.from({ length: 20 }, () => matchShingles(short, `${short} x`))
    expect(bootstrapSpread(same, 50).f1).toBeCloseTo(0, 12)
    const mixed = [matchShingles(short, short), matchShingles(long, long.slice(0, 200))]
    expect(bootstrapSpread(mixed, 50, 7)).toEqual(bootstrapSpread(mixed, 50, 7))
  })
})

describe('the corpus folder', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await makeTempDir('eval-import-')
  })
  afterAll(() => removeDir(dir))

  it('a missing corpus is a message that says where it looked and what to pass', async () => {
    const missing = join(dir, 'nowhere')
    const error = await loadCorpus(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CorpusMissing)
    expect((error as Error).message).toContain(missing)
    expect((error as Error).message).toContain('--corpus')
  })

  it('reads gzipped pages with their marked bodies, and refuses an incomplete corpus', async () => {
    const corpus = join(dir, 'corpus')
    await mkdir(join(corpus, 'html'), { recursive: true })
    await writeFile(
      join(corpus, 'ground-truth.json'),
      JSON.stringify({ p1: { articleBody: 'Body.', url: 'https://example.com/a' } }),
    )
    await writeFile(join(corpus, 'html', 'p1.html.gz'), gzipSync('<p>Body.</p>'))
    const [page] = await loadCorpus(corpus)
    expect(page?.truth).toBe('Body.')
    expect(page?.url).toBe('https://example.com/a')
    expect(new TextDecoder().decode(page?.html)).toBe('<p>Body.</p>')

    await writeFile(
      join(corpus, 'ground-truth.json'),
      JSON.stringify({ p1: { articleBody: 'Body.' }, p2: { articleBody: 'Other.' } }),
    )
    await expect(loadCorpus(corpus)).rejects.toThrow(/1 of 2 pages .* p2/)
  })

  it('takes the published scores from the README’s tables, with their section', async () => {
    const corpus = join(dir, 'readme')
    await mkdir(corpus)
    await writeFile(
      join(corpus, 'README.md'),
      [
        '## Published scores',
        '| extractor | F1 | precision | recall |',
        '|---|---|---|---|',
        '| trafilatura 2.0.0 | 0.958 | 0.938 | 0.978 |',
        '## Measured here (same metric)',
        '| extractor | F1 | precision | recall | time |',
        '| ours | 0.953 | 0.921 | 0.988 | 22.5 s |',
      ].join('\n'),
    )
    expect(await readPublishedScores(corpus)).toEqual([
      {
        section: 'Published scores',
        extractor: 'trafilatura 2.0.0',
        f1: 0.958,
        precision: 0.938,
        recall: 0.978,
      },
      {
        section: 'Measured here (same metric)',
        extractor: 'ours',
        f1: 0.953,
        precision: 0.921,
        recall: 0.988,
      },
    ])
  })
})
