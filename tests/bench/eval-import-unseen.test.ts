/**
 * The second measurement: trafilatura's snippet metric and the sets of pages
 * the importer was never tuned on, on inputs small enough to check by hand.
 *
 * `npm run eval:import -- --set trafilatura` is only comparable with the
 * scores trafilatura publishes if it scores the way its `tests/eval_common.py`
 * does: whitespace-normalised substring matching of `with` and `without`
 * snippets, counts POOLED over pages (micro), unlike the shingle benchmark's
 * mean of page scores. Each expectation was worked out from that definition.
 * The corpora themselves are never needed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusMissing } from '../../bench/eval-import/corpus'
import {
  addCounts,
  countSnippets,
  normalise,
  parseEvaldata,
  snippetScores,
  snippetsMissedAndKept,
  textLost,
  type SnippetItem,
} from '../../bench/eval-import/snippets'
import {
  htmlText,
  loadReadabilityTests,
  loadTrafilaturaSet,
  parsePublishedRst,
  prepareSet,
  readProvenance,
} from '../../bench/eval-import/unseen'
import { makeTempDir, removeDir } from '../support/temp-dir'

const item: SnippetItem = {
  url: 'https://example.com/a',
  file: 'example.com.a.html',
  with: ['The council voted', 'on Tuesday  night'],
  without: ['Read more', 'Impressum', 'Share this'],
}

describe('whitespace is normalised as Python’s re.sub(r"\\s+", " ", t).strip()', () => {
  const rows: { why: string; text: string; want: string }[] = [
    { why: 'runs of spaces, tabs and newlines', text: ' a \t\n b  ', want: 'a b' },
    { why: 'no-break and ideographic spaces', text: 'a\u00a0\u3000b', want: 'a b' },
    { why: 'the separators U+001C-U+001F and U+0085', text: 'a\x1c\x85b', want: 'a b' },
    { why: 'but not U+FEFF, which Python keeps', text: '\ufeffa', want: '\ufeffa' },
    { why: 'nor zero-width or soft hyphen', text: 'a\u200b\u00adb', want: 'a\u200b\u00adb' },
  ]
  for (const row of rows) it(row.why, () => expect(normalise(row.text)).toBe(row.want))
})

describe('one page: snippets found and kept', () => {
  it('counts main-text snippets found and clutter snippets kept, spacing aside', () => {
    const text = 'The council\nvoted on Tuesday night.\n\nShare this'
    expect(countSnippets(item, text)).toEqual({ tp: 2, fp: 1, fn: 0, tn: 2 })
    expect(snippetsMissedAndKept(item, text)).toEqual({ missed: [], kept: ['Share this'] })
  })

  it('matches case and characters exactly (substring, not tokens)', () => {
    expect(countSnippets(item, 'the council voted on Tuesday night')).toEqual({
      tp: 1,
      fp: 0,
      fn: 1,
      tn: 3,
    })
  })

  it('a refused page (null) and an empty one find nothing', () => {
    const nothing = { tp: 0, fp: 0, fn: 2, tn: 3 }
    expect(countSnippets(item, null)).toEqual(nothing)
    expect(countSnippets(item, '')).toEqual(nothing)
    expect(snippetsMissedAndKept(item, null).missed).toEqual(item.with)
  })

  it('text counts as lost when at most a quarter of the main-text snippets is found', () => {
    const page = (tp: number, withs: number) => ({ tp, fn: withs - tp, fp: 0, tn: 3 })
    expect(textLost(page(0, 3))).toBe(true)
    expect(textLost(page(1, 4))).toBe(true)
    expect(textLost(page(1, 6))).toBe(true)
    expect(textLost(page(1, 3))).toBe(false)
    expect(textLost(page(2, 6))).toBe(false)
  })
})

describe('the set: counts pooled over pages (micro), as ConfusionMatrix.scores', () => {
  it('pools the counts, so a page with more snippets weighs more', () => {
    const a = { tp: 6, fp: 0, fn: 0, tn: 3 } // perfect, 6 snippets
    const b = { tp: 0, fp: 3, fn: 2, tn: 0 } // lost, all clutter kept
    const totals = addCounts([a, b])
    expect(totals).toEqual({ tp: 6, fp: 3, fn: 2, tn: 3 })
    const s = snippetScores(totals)
    expect(s.precision).toBeCloseTo(6 / 9, 12) // a mean of pages would give (1 + 0) / 2
    expect(s.recall).toBeCloseTo(6 / 8, 12)
    expect(s.accuracy).toBeCloseTo(9 / 14, 12)
    expect(s.f1).toBeCloseTo(12 / 17, 12) // 2TP / (2TP + FP + FN)
  })

  it('an empty denominator gives 0, not NaN', () => {
    expect(snippetScores({ tp: 0, fp: 0, fn: 0, tn: 0 })).toEqual({
      precision: 0,
      recall: 0,
      accuracy: 0,
      f1: 0,
    })
  })
})

describe('evaldata.json is read and checked as eval_common.validate does', () => {
  const entry = (over: Record<string, unknown>) =>
    JSON.stringify({ 'https://e.com/': { file: 'e.html', with: ['a b'], without: ['c'], ...over } })

  it('reads url, file and both sides', () => {
    expect(parseEvaldata(entry({}))).toEqual([
      { url: 'https://e.com/', file: 'e.html', with: ['a b'], without: ['c'] },
    ])
  })

  const bad: { why: string; over: Record<string, unknown>; message: RegExp }[] = [
    { why: 'no file', over: { file: '' }, message: /missing or empty 'file'/ },
    { why: 'an empty side', over: { without: [] }, message: /1 to 6 chunks, found 0/ },
    {
      why: 'more than six snippets',
      over: { with: ['1', '2', '3', '4', '5', '6', '7'] },
      message: /found 7/,
    },
    { why: 'a blank snippet', over: { with: [' '] }, message: /non-empty strings/ },
    { why: 'duplicates, spacing aside', over: { with: ['a b', 'a  b'] }, message: /duplicate/ },
    { why: 'clutter inside main text', over: { without: ['a'] }, message: /also occurs inside/ },
  ]
  for (const row of bad) {
    it(`refuses ${row.why}`, () =>
      expect(() => parseEvaldata(entry(row.over))).toThrow(row.message))
  }
  it('refuses an empty set', () => expect(() => parseEvaldata('{}')).toThrow(/non-empty/))
})

describe('published scores: the newest results table of docs/evaluation.rst', () => {
  const rst = [
    'Description',
    '-----------',
    '',
    'Text.',
    '',
    'Results (2026-08-04)',
    '--------------------',
    '',
    '=============================== =========  ========== ========= ========= ======',
    '990 documents, 2951 text & 2966 boilerplate segments, Python 3.13',
    '--------------------------------------------------------------------------------',
    'Python Package                  Precision  Recall     Accuracy  F-Score   Diff.',
    '=============================== =========  ========== ========= ========= ======',
    '*raw HTML*                      0.528      0.906      0.549     0.667     0.03x',
    'trafilatura 2.2.0 (standard)    0.906      0.943      **0.923** **0.924** 3.2x',
    '=============================== =========  ========== ========= ========= ======',
    '',
    'Older results (2022-05-18)',
    '^^^^^^^^^^^^^^^^^^^^^^^^^^',
    'trafilatura 1.2.2 (standard)    0.914      0.904      **0.910** **0.909** 7.1x',
  ].join('\n')

  it('reads each row with its section, bold marks dropped, older tables left out', () => {
    expect(parsePublishedRst(rst)).toEqual([
      {
        section: 'Results (2026-08-04)',
        extractor: 'raw HTML',
        precision: 0.528,
        recall: 0.906,
        accuracy: 0.549,
        f1: 0.667,
      },
      {
        section: 'Results (2026-08-04)',
        extractor: 'trafilatura 2.2.0 (standard)',
        precision: 0.906,
        recall: 0.943,
        accuracy: 0.923,
        f1: 0.924,
      },
    ])
  })
})

describe('the text of an expected.html', () => {
  it('breaks lines at block boundaries, joins inline text, leaves scripts out', () => {
    const html =
      '<div><h2>Title</h2><p>One <b>bold</b> word.</p><p>Two</p><script>x=1</script></div>'
    expect(htmlText(html)).toBe('Title\nOne bold word.\nTwo')
  })
})

describe('the unseen sets on disk', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await makeTempDir('eval-import-unseen-')
  })
  afterAll(() => removeDir(dir))

  it('a missing set says how to prepare it', async () => {
    const error = await loadTrafilaturaSet(join(dir, 'nowhere')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CorpusMissing)
    expect((error as Error).message).toContain('--prepare trafilatura')
  })

  it('prepares the trafilatura set from a git snapshot, recording the commit, and reads it', async () => {
    const repo = join(dir, 'repo')
    await mkdir(join(repo, 'tests/cache'), { recursive: true })
    await mkdir(join(repo, 'tests/eval'), { recursive: true })
    await writeFile(join(repo, 'README.md'), 'not copied')
    await writeFile(
      join(repo, 'tests/evaldata.json'),
      JSON.stringify({
        'https://a/': { file: 'a.html', with: ['Body'], without: ['Menu'] },
        'https://b/': { file: 'b.html', with: ['Other'], without: ['Footer'] },
      }),
    )
    await writeFile(join(repo, 'tests/cache/a.html'), '<p>Body from cache</p>')
    await writeFile(join(repo, 'tests/eval/a.html'), '<p>Body from eval</p>')
    await writeFile(join(repo, 'tests/eval/b.html'), '<p>Other</p>')
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo })
    git('init', '-q')
    git('add', '.')
    git('commit', '-qm', 'set')
    const head = git('rev-parse', 'HEAD').toString().trim()

    const corpus = join(dir, 'corpus')
    const provenance = await prepareSet('trafilatura', join(repo, '.git'), corpus)
    expect(provenance).toMatchObject({ repo: 'adbar/trafilatura', commit: head })
    expect(await readProvenance(corpus)).toMatchObject({ commit: head })
    expect(existsSync(join(corpus, 'README.md'))).toBe(false)

    const pages = await loadTrafilaturaSet(corpus)
    expect(pages.map((p) => [p.name, new TextDecoder().decode(p.html)])).toEqual([
      ['a.html', '<p>Body from cache</p>'], // tests/cache wins, as eval_common.resolve
      ['b.html', '<p>Other</p>'],
    ])

    await writeFile(
      join(corpus, 'tests/evaldata.json'),
      JSON.stringify({ 'https://c/': { file: 'c.html', with: ['x'], without: ['y'] } }),
    )
    await expect(loadTrafilaturaSet(corpus)).rejects.toThrow(/HTML file not found: c\.html/)
  })

  it('reads Readability’s test pages with the text of expected.html as the truth', async () => {
    const corpus = join(dir, 'readability')
    for (const name of ['002-b', '001-a']) {
      await mkdir(join(corpus, 'test/test-pages', name), { recursive: true })
      await writeFile(join(corpus, 'test/test-pages', name, 'source.html'), `<p>${name}</p>`)
      await writeFile(join(corpus, 'test/test-pages', name, 'expected.html'), `<p>${name}</p>`)
    }
    await mkdir(join(corpus, 'test/test-pages/incomplete'))
    const pages = await loadReadabilityTests(corpus)
    expect(pages.map((p) => [p.id, p.truth])).toEqual([
      ['001-a', '001-a'],
      ['002-b', '002-b'],
    ])
    expect(await readFile(join(corpus, 'test/test-pages/001-a/source.html'), 'utf8')).toBe(
      '<p>001-a</p>',
    )
  })
})
