/**
 * The held-out set's metric: Bevendorff et al.'s ROUGE-LSum (rouge-score
 * 0.1.2, white-space tokens) and their L3S-GN1 truth, on inputs small enough
 * to work out by hand. Each expectation below was computed from the Python
 * source (eval.py `rouge_eval`, rouge_scorer.py `_summary_level_lcs`,
 * dataset_readers.py `_extract_with_css_selector`), not from this port.
 * The corpus itself is never needed.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusMissing } from '../../bench/eval-import/corpus'
import {
  datasetScore,
  decodeHtml,
  L3S_DIR,
  l3sTruth,
  lcsIndices,
  loadL3sSet,
  rougeLsum,
  splitSentences,
  summaryLevelLcs,
  tokenizeWs,
} from '../../bench/eval-import/l3s-gn1'
import { isLost } from '../../bench/eval-import/l3s-gn1-run'
import { prepareSet, readProvenance } from '../../bench/eval-import/unseen'
import { makeTempDir, removeDir } from '../support/temp-dir'

describe('tokenizeWs (util.py tokenize_ws)', () => {
  it('strips the text and splits it at runs of white space, punctuation kept on the token', () => {
    expect(tokenizeWs('  The  cat\nsat. \t')).toEqual(['The', 'cat', 'sat.'])
    expect(tokenizeWs(' \n ')).toEqual([])
  })
})

describe('splitSentences (approximates nltk.sent_tokenize)', () => {
  it('breaks after . ? ! before white space, not after initials or abbreviations', () => {
    expect(splitSentences('Mr. Smith went. He left! Did he? Yes')).toEqual([
      'Mr. Smith went.',
      'He left!',
      'Did he?',
      'Yes',
    ])
    expect(splitSentences('J. Doe said "Hi." Then the U.S. team won.')).toEqual([
      'J. Doe said "Hi."',
      'Then the U.S. team won.',
    ])
  })

  it('does not break at a newline alone, nor inside a number', () => {
    expect(splitSentences('Headline\nVersion 3.5 is out')).toEqual(['Headline\nVersion 3.5 is out'])
    expect(splitSentences('')).toEqual([])
  })
})

describe('lcsIndices (rouge_scorer.py lcs_ind)', () => {
  it('gives the reference indices of a longest common subsequence', () => {
    expect(lcsIndices(['a', 'b', 'c', 'd'], ['b', 'd', 'x'])).toEqual([1, 3])
    expect(lcsIndices(['a'], [])).toEqual([])
  })

  it('breaks ties as _backtrack_norec does: back in the reference unless the candidate side keeps more', () => {
    // table [[0,0,0],[0,0,1],[0,1,1]]: at (2,2) t[2][1] = t[1][2], so i steps back and 'a' is kept.
    expect(lcsIndices(['a', 'b'], ['b', 'a'])).toEqual([0])
    // the last of two equal tokens is the one matched
    expect(lcsIndices(['a', 'a'], ['a'])).toEqual([1])
  })
})

describe('rougeLsum (eval.py rouge_eval, rougeLsum with split_summaries)', () => {
  it('counts each truth sentence against all extracted sentences, each token at most as often as on both sides', () => {
    // truth: [The cat sat.] [The dog ran.] (m = 6); extracted: [The cat sat.] (n = 3).
    // Sentence 1: 3 hits; sentence 2: 'The' is used up on the extracted side: 0.
    const s = rougeLsum('The cat sat. The dog ran.', 'The cat sat.')
    expect(s.precision).toBe(1)
    expect(s.recall).toBe(0.5)
    expect(s.f1).toBeCloseTo(2 / 3, 12)
  })

  it('takes the union of the LCS over the extracted sentences', () => {
    // truth one sentence [a b c d]; extracted [a b?] [c d]: unions {0} ∪ {2,3}: 3 hits of 4 each side.
    const s = rougeLsum('a b c d', 'a b? c d')
    expect(s).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 })
  })

  it('clips repeated tokens by their counts', () => {
    expect(rougeLsum('a a', 'a')).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 })
    expect(summaryLevelLcs([['a', 'a']], [['a', 'a', 'a']]).precision).toBe(2 / 3)
  })

  it("applies eval.py's empty-text rules", () => {
    expect(rougeLsum('', '')).toEqual({ precision: 1, recall: 1, f1: 1 })
    expect(rougeLsum(' ', 'x')).toEqual({ precision: 0, recall: 1, f1: 0 })
    expect(rougeLsum('x', '')).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(rougeLsum('x y', 'z')).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('lets the sentence splitter be swapped, to measure how much it matters', () => {
    const whole = (t: string): string[] => [t]
    // one sentence each: LCS of [a b c d] and [a b? c d] is a c d.
    expect(rougeLsum('a b c d', 'a b? c d', whole).f1).toBe(0.75)
    // the same words in another sentence order: split, every sentence is found; whole, only one.
    expect(rougeLsum('One two. Three four.', 'Three four. One two.').f1).toBe(1)
    expect(rougeLsum('One two. Three four.', 'Three four. One two.', whole).f1).toBe(0.5)
  })
})

describe('datasetScore (eval.py: the mean over pages of each score)', () => {
  it('means precision, recall and F1 separately; F1 is not recomputed from the means', () => {
    const d = datasetScore([
      { precision: 1, recall: 0.5, f1: 2 / 3 },
      { precision: 0.5, recall: 1, f1: 2 / 3 },
    ])
    expect(d.mean.precision).toBe(0.75)
    expect(d.mean.recall).toBe(0.75)
    expect(d.mean.f1).toBeCloseTo(2 / 3, 12)
    expect(d.median.precision).toBe(0.75)
  })
})

describe('l3sTruth (dataset_readers.py _extract_with_css_selector)', () => {
  it('takes leaf headline, full-text and supplemental spans, a newline before those in a block', () => {
    const html =
      '<html><body><div><span class="x-nc-sel1">Title</span></div>' +
      '<p><span class="x-nc-sel2"> First  part </span><span class="x-nc-sel2">second <a>link</a></span>' +
      '<span class="x-nc-sel0">menu</span></p>' +
      '<span class="x-nc-sel3">Caption</span><span class="x-nc-sel5">comment</span>' +
      '<span class="x-nc-sel4">related</span></body></html>'
    expect(l3sTruth(html)).toBe('Title \nFirst  part Caption')
  })

  it('reads the body as an HTML5 parser builds it, entities decoded', () => {
    const html =
      '<html><body><p><span class="x-nc-sel2">A &amp; B</span></p></body></html>' +
      '<div><span class="x-nc-sel2">late</span></div>'
    expect(l3sTruth(html)).toBe('A & B \nlate')
  })
})

describe('decodeHtml', () => {
  it('uses the charset a meta names, else UTF-8 when valid, else cp1252', () => {
    const meta = new TextEncoder().encode('<meta charset="windows-1252"><p>caf')
    expect(decodeHtml(new Uint8Array([...meta, 0xe9]))).toMatch(/café$/)
    expect(decodeHtml(new TextEncoder().encode('<p>café'))).toBe('<p>café')
    expect(decodeHtml(new Uint8Array([0x3c, 0x70, 0x3e, 0x93, 0x68, 0x69, 0x94]))).toBe(
      '<p>\u201chi\u201d',
    )
  })
})

describe('isLost (as on the other sets)', () => {
  it('is recall at most a quarter, nothing extracted, or a refused import', () => {
    const s = { precision: 1, recall: 0.25, f1: 0.4 }
    expect(isLost(true, 'text', s)).toBe(true)
    expect(isLost(true, 'text', { ...s, recall: 0.26 })).toBe(false)
    expect(isLost(true, ' ', { ...s, recall: 1 })).toBe(true)
    expect(isLost(false, '', { ...s, recall: 1 })).toBe(true)
  })
})

describe('the prepared set on disk', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await makeTempDir('eval-import-l3s-')
  })
  afterAll(() => removeDir(dir))

  it('says how to prepare the set when it is missing', async () => {
    await expect(loadL3sSet(join(dir, 'nothing'))).rejects.toBeInstanceOf(CorpusMissing)
  })

  it('copies the set out of a checkout and reads each original with its truth and URL', async () => {
    const checkout = join(dir, 'checkout')
    const set = join(checkout, L3S_DIR)
    await mkdir(join(set, 'original'), { recursive: true })
    await mkdir(join(set, 'annotated'), { recursive: true })
    const id = '01ccc7c5-a1d1-46e1-a5f7-43310df16575'
    await writeFile(join(set, 'original', `${id}.html`), '<html><body><p>Story</p></body></html>')
    await writeFile(
      join(set, 'annotated', `${id}.html`),
      '<html><body><p><span class="x-nc-sel2">Story</span></p></body></html>',
    )
    await writeFile(join(set, 'url-mapping.txt'), `<urn:uuid:${id}>\thttp://example.com/story\n`)
    await writeFile(join(set, 'Readme-L3S-GN1.txt'), 'LICENSE\n')

    const corpus = join(dir, 'corpus')
    const provenance = await prepareSet('l3s-gn1', checkout, corpus)
    expect(provenance.repo).toBe('geodrome/page-signal')
    expect(provenance.licence).toMatch(/research use only/)
    expect((await readProvenance(corpus))?.set).toBe('l3s-gn1')

    const pages = await loadL3sSet(corpus)
    expect(pages).toHaveLength(1)
    expect(pages[0]).toMatchObject({ id, url: 'http://example.com/story', truth: 'Story' })
    expect(new TextDecoder().decode(pages[0]!.html)).toContain('<p>Story</p>')
  })
})
