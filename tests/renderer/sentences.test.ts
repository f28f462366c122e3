import { describe, expect, it } from 'vitest'
import {
  moveEdge,
  nextWordEnd,
  previousWordStart,
  sentenceAt,
  sentenceSpans,
} from '../../src/renderer/src/features/reader/sentences'

/** The sentences of `text` as strings, for readable tables. */
function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end))
}

describe('sentenceSpans', () => {
  const cases: ReadonlyArray<{ name: string; text: string; expected: string[] }> = [
    { name: 'empty text', text: '', expected: [] },
    { name: 'blank text', text: '   \n ', expected: [] },
    {
      name: 'one sentence without a stop',
      text: 'The port is open',
      expected: ['The port is open'],
    },
    {
      name: 'three plain sentences',
      text: 'The port is open. Ships wait! Will it last?',
      expected: ['The port is open.', 'Ships wait!', 'Will it last?'],
    },
    {
      name: 'surrounding whitespace is left out',
      text: '  First one.   Second one.  ',
      expected: ['First one.', 'Second one.'],
    },
    {
      name: 'titles like Dr. and Mr. do not end a sentence',
      text: 'Dr. Lena Ortiz met Mr. Hale on Monday. They agreed.',
      expected: ['Dr. Lena Ortiz met Mr. Hale on Monday.', 'They agreed.'],
    },
    {
      name: 'initialisms like U.S. and U.K. do not end a sentence',
      text: 'The U.S. Navy and the U.K. fleet sailed. Both returned.',
      expected: ['The U.S. Navy and the U.K. fleet sailed.', 'Both returned.'],
    },
    {
      name: 'an initial in a name',
      text: 'J. R. Smith wrote it. Nobody read it.',
      expected: ['J. R. Smith wrote it.', 'Nobody read it.'],
    },
    {
      name: 'e.g. followed by lower case',
      text: 'Some ports, e.g. Veskari, grew. Others shrank.',
      expected: ['Some ports, e.g. Veskari, grew.', 'Others shrank.'],
    },
    {
      name: 'closing quotes stay with their sentence',
      text: '"We are on schedule." The minister smiled.',
      expected: ['"We are on schedule."', 'The minister smiled.'],
    },
    {
      name: 'curly quotes and a quoted question',
      text: '“Is it safe?” she asked. “Yes.”',
      expected: ['“Is it safe?” she asked.', '“Yes.”'],
    },
    {
      name: 'a sentence starting with an opening quote',
      text: 'He paused. “Not yet,” he said.',
      expected: ['He paused.', '“Not yet,” he said.'],
    },
    {
      name: 'decimal numbers do not split',
      text: 'Prices rose 2.5 percent. Wages did not.',
      expected: ['Prices rose 2.5 percent.', 'Wages did not.'],
    },
    {
      name: 'ellipses and repeated marks',
      text: 'Wait… Really?! Yes.',
      expected: ['Wait…', 'Really?!', 'Yes.'],
    },
    {
      name: 'a lower-case continuation is not a new sentence',
      text: 'It cost 5 mln. rubles in total.',
      expected: ['It cost 5 mln. rubles in total.'],
    },
    {
      name: 'Cyrillic sentences',
      text: 'Порт открыт. Суда ждут разгрузки! Надолго ли?',
      expected: ['Порт открыт.', 'Суда ждут разгрузки!', 'Надолго ли?'],
    },
    {
      name: 'Cyrillic abbreviation г. and guillemets',
      text: 'В 2020 г. Москва выросла. «Это рекорд», — сказал он.',
      expected: ['В 2020 г. Москва выросла.', '«Это рекорд», — сказал он.'],
    },
    {
      name: 'Cyrillic quote closing a sentence',
      text: 'Он сказал: «Да.» Потом ушёл.',
      expected: ['Он сказал: «Да.»', 'Потом ушёл.'],
    },
    {
      name: 'a digit may start a sentence',
      text: 'Ships waited. 40 of them left.',
      expected: ['Ships waited.', '40 of them left.'],
    },
  ]
  for (const { name, text, expected } of cases)
    it(name, () => {
      expect(sentences(text)).toEqual(expected)
    })
})

describe('sentenceAt', () => {
  const text = 'One two. Three four. Five.'
  const cases: ReadonlyArray<[number, string | null]> = [
    [0, 'One two.'],
    [7, 'One two.'],
    [8, 'Three four.'],
    [12, 'Three four.'],
    [text.length, 'Five.'],
  ]
  for (const [offset, expected] of cases)
    it(`offset ${offset}`, () => {
      const span = sentenceAt(text, offset)
      expect(span && text.slice(span.start, span.end)).toBe(expected)
    })
  it('is null for blank text', () => {
    expect(sentenceAt('  ', 0)).toBeNull()
  })
})

describe('word steps', () => {
  const text = 'The  port, said Dr. Ortiz.'
  const cases: ReadonlyArray<{
    name: string
    span: [number, number]
    edge: 'start' | 'end'
    direction: 1 | -1
    expected: string
  }> = [
    {
      name: 'end right by a word',
      span: [0, 3],
      edge: 'end',
      direction: 1,
      expected: 'The  port,',
    },
    {
      name: 'end right to the last word',
      span: [0, 19],
      edge: 'end',
      direction: 1,
      expected: 'The  port, said Dr. Ortiz.',
    },
    {
      name: 'end right stays at the end of the text',
      span: [0, 26],
      edge: 'end',
      direction: 1,
      expected: 'The  port, said Dr. Ortiz.',
    },
    {
      name: 'end left by a word',
      span: [0, 15],
      edge: 'end',
      direction: -1,
      expected: 'The  port,',
    },
    { name: 'end left never empties', span: [0, 3], edge: 'end', direction: -1, expected: 'The' },
    {
      name: 'start right by a word',
      span: [0, 15],
      edge: 'start',
      direction: 1,
      expected: 'port, said',
    },
    {
      name: 'start right never empties',
      span: [11, 15],
      edge: 'start',
      direction: 1,
      expected: 'said',
    },
    {
      name: 'start left by a word',
      span: [11, 15],
      edge: 'start',
      direction: -1,
      expected: 'port, said',
    },
    { name: 'start left stays at 0', span: [0, 3], edge: 'start', direction: -1, expected: 'The' },
  ]
  for (const { name, span, edge, direction, expected } of cases)
    it(name, () => {
      const moved = moveEdge(text, { start: span[0], end: span[1] }, edge, direction)
      expect(text.slice(moved.start, moved.end)).toBe(expected)
    })

  it('finds word ends and starts across runs of spaces', () => {
    expect(nextWordEnd(text, 3)).toBe(10)
    expect(previousWordStart(text, 5)).toBe(0)
    expect(previousWordStart(text, 10)).toBe(5)
  })
})
