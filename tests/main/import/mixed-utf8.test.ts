import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import { decodeBytes } from '../../../src/main/import/encoding'
import {
  decodeUtf8WithFallback,
  isMostlyUtf8,
  measureUtf8,
} from '../../../src/main/import/mixed-utf8'

const POLISH =
  'Wojsko poinformowało w środę o serii ataków dronów na infrastrukturę energetyczną. Według rzecznika ministerstwa zniszczono dwie stacje transformatorowe, a tysiące gospodarstw domowych pozostało bez prądu.'
const GERMAN =
  'Die Hafenbehörde erklärte am Mittwoch, der Containerverkehr laufe planmäßig weiter. Größere Schiffe müssen jedoch bis zu zwei Tage vor der Einfahrt warten, sagte ein Sprecher.'
const RUSSIAN =
  'Порт Усть-Луга продолжает работу в обычном режиме, сообщила пресс-секретарь администрации порта Марина Волкова. По её словам, сообщения о полной остановке перевалки не соответствуют действительности.'

/**
 * UTF-8 bytes of `text` in which each U+FFFD stands for the next of
 * `badBytes`: the bytes a browser would show as one replacement character.
 */
function withBadBytes(text: string, badBytes: readonly (readonly number[])[]): Uint8Array {
  const pieces = text.split('\uFFFD')
  expect(pieces.length - 1).toBe(badBytes.length)
  const out: number[] = []
  pieces.forEach((piece, index) => {
    out.push(...new TextEncoder().encode(piece))
    if (index < badBytes.length) out.push(...badBytes[index]!)
  })
  return Uint8Array.from(out)
}

/** Bytes of Windows-1252 punctuation as Word pastes it into a UTF-8 file. */
const WORD_BYTES: ReadonlyMap<string, number> = new Map([
  ['“', 0x93],
  ['”', 0x94],
  ['…', 0x85],
  ['–', 0x96],
  ['’', 0x92],
])

/** UTF-8 bytes of `text`, except that its Word punctuation is a single Windows-1252 byte. */
function withWordPunctuation(text: string): Uint8Array {
  const out: number[] = []
  for (const char of text) {
    const single = WORD_BYTES.get(char)
    if (single === undefined) out.push(...new TextEncoder().encode(char))
    else out.push(single)
  }
  return Uint8Array.from(out)
}

function page(head: string, paragraph: string): string {
  return `<!doctype html><html><head>${head}<title>Wiadomości</title></head><body><article><p>${paragraph}</p></article></body></html>`
}

/** The article's title and blocks as one string, to look for words in. */
function importedText(name: string, bytes: Uint8Array): string {
  const outcome = parseArticleFile(name, bytes)
  expect(outcome.ok).toBe(true)
  if (!outcome.ok) return ''
  return [outcome.article.title, ...outcome.article.blocks.map((b) => b.text)].join('\n')
}

/** Text with one to three bad sequences, each written where it lands in the text. */
const DAMAGED = [
  {
    language: 'Polish, one stray Latin-1 no-break space',
    text: POLISH.replace('dronów ', 'dronów \uFFFD'),
    bad: [[0xa0]],
    words: ['ataków', 'środę', 'energetyczną', 'prądu'],
  },
  {
    language: 'German, a stray „ and a stray Latin-1 ä',
    text: GERMAN.replace('erklärte ', 'erklärte \uFFFD').replace('weiter.', 'weiter.\uFFFD'),
    bad: [[0x84], [0xe4]],
    words: ['Hafenbehörde', 'planmäßig', 'Größere', 'müssen'],
  },
  {
    language: 'Russian, a 0xFF, a cut-off sequence and a lone 0xC0',
    text: RUSSIAN.replace('Усть-Луга', 'Усть-Луга\uFFFD')
      .replace('Волкова', 'Волкова\uFFFD')
      .replace('её', 'её\uFFFD'),
    bad: [[0xff], [0xe2, 0x80], [0xc0]],
    words: ['Усть-Луга', 'пресс-секретарь', 'Волкова', 'действительности'],
  },
] as const

describe('a page that declares UTF-8 and has a few bad bytes', () => {
  const declarations = [
    { kind: 'meta charset', head: '<meta charset="utf-8">' },
    {
      kind: 'http-equiv',
      head: '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    },
  ]
  const rows = DAMAGED.flatMap((damaged) =>
    declarations.map((declaration) => ({ ...damaged, ...declaration })),
  )

  it.each(rows)(
    '$language ($kind): stays UTF-8 with U+FFFD where the bytes are bad',
    ({ text, bad, head }) => {
      const decoded = decodeBytes(withBadBytes(page(head, text), bad), { html: true })
      expect(decoded.encoding).toBe('utf-8')
      // Exactly what a browser's decoder shows: one U+FFFD per bad sequence.
      expect(decoded.text).toBe(new TextDecoder().decode(withBadBytes(page(head, text), bad)))
      expect(decoded.text).toContain(text)
    },
  )

  it.each(rows)(
    '$language ($kind): imports with its words intact',
    ({ text, bad, head, words }) => {
      const imported = importedText('page.html', withBadBytes(page(head, text), bad))
      for (const word of words) expect(imported).toContain(word)
      expect(imported).not.toMatch(/Ã|Å|Ð|Ñ/)
    },
  )

  it.each(DAMAGED)('$language (byte order mark): stays UTF-8', ({ text, bad }) => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...withBadBytes(text, bad)])
    expect(decodeBytes(bytes)).toEqual({ text, encoding: 'utf-8' })
  })
})

describe('a UTF-8 text file with stray Windows-1252 punctuation', () => {
  const rows = [
    {
      name: 'German with one pair of Word smart quotes',
      text: `${GERMAN} Er fügte hinzu: “Wir rechnen nicht mit längeren Verzögerungen.”`,
    },
    {
      name: 'Russian with an ellipsis and a dash from Word',
      text: `${RUSSIAN} Ранее агентство сообщало… – о приостановке бронирования.`,
    },
    {
      name: 'Polish with smart quotes, an apostrophe and a dash',
      text: `${POLISH} “To był najgorszy tydzień” – powiedział rzecznik. Ministry’s report follows.`,
    },
    {
      name: 'Mixed German and Russian with one pair of quotes',
      text: 'Die Behörde zitierte: “Порт работает в обычном режиме.” Größere Schiffe warten.',
    },
  ]

  it.each(rows)('$name keeps its letters and maps the stray bytes', ({ text }) => {
    const bytes = withWordPunctuation(text)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    expect(decodeBytes(bytes)).toEqual({ text, encoding: 'utf-8' })
  })

  it.each(rows)('$name imports as a .txt file with its words intact', ({ text }) => {
    const imported = importedText('notes.txt', withWordPunctuation(text))
    for (const word of text.split(/\s+/).slice(0, 12)) expect(imported).toContain(word)
    expect(imported).not.toContain('\uFFFD')
  })

  it('reads the same stray bytes in undeclared HTML the same way', () => {
    const text = `${GERMAN} “Wir warten.”`
    const decoded = decodeBytes(withWordPunctuation(page('', text)), { html: true })
    expect(decoded.text).toContain(text)
  })
})

describe('whole files in a legacy encoding stay legacy', () => {
  it.each([
    {
      name: 'Windows-1252 German with smart quotes',
      text: 'Ein Sprecher sagte: “Wir rechnen nicht mit Verzögerungen.” Größere Schiffe müssen warten.',
      encoding: 'windows-1252',
    },
    {
      // "шё", "щё", "чё" and "жё" are well-formed UTF-8 pairs in KOI8-R.
      name: 'KOI8-R Russian whose ё forms UTF-8 sequences by chance',
      text: 'Он шёл домой, а она ещё ждала жёлтый автобус у чёрного входа.',
      encoding: 'koi8-r',
    },
    {
      // "СЁ" is a well-formed UTF-8 pair in Windows-1251.
      name: 'Windows-1251 headline in capitals with Ё',
      text: 'СРОЧНО: ВСЁ ЗАКРЫТО, ПОРТ НЕ РАБОТАЕТ',
      encoding: 'windows-1251',
    },
    { name: 'Windows-1250 Polish', text: POLISH, encoding: 'windows-1250' },
    { name: 'ISO-8859-2 Polish', text: POLISH, encoding: 'iso-8859-2' },
  ])('$name', ({ text, encoding }) => {
    expect(decodeBytes(iconv.encode(text, encoding))).toEqual({ text, encoding })
  })

  it('ignores a UTF-8 template declaration on a Windows-1252 page', () => {
    const text =
      'Die Behörde erklärte, der Verkehr laufe planmäßig weiter. “Größere Schiffe warten.”'
    const decoded = decodeBytes(iconv.encode(page('<meta charset="utf-8">', text), 'win1252'), {
      html: true,
    })
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.text).toContain(text)
  })
})

describe('the "mostly UTF-8" rule', () => {
  it.each([
    { sequences: 0, invalid: 0, mostly: false, why: 'ASCII says nothing' },
    { sequences: 0, invalid: 3, mostly: false, why: 'no UTF-8 at all' },
    { sequences: 1, invalid: 0, mostly: true, why: 'valid UTF-8' },
    { sequences: 2, invalid: 1, mostly: true, why: 'two letters per stray byte' },
    { sequences: 3, invalid: 2, mostly: false, why: 'fewer than two per stray byte' },
    { sequences: 22, invalid: 25, mostly: false, why: 'the worst 80-byte piece of GBK' },
  ])('$sequences sequences, $invalid invalid bytes: $why', ({ sequences, invalid, mostly }) => {
    expect(isMostlyUtf8({ multiByteSequences: sequences, invalidBytes: invalid })).toBe(mostly)
  })

  it.each([
    {
      name: 'GBK',
      text: '港口当局表示，集装箱运输仍按计划进行。两家欧洲航运公司暂停了预订。',
      encoding: 'gbk',
    },
    {
      name: 'EUC-JP',
      text: '港湾局によると、コンテナ輸送は予定通り続いている。',
      encoding: 'euc-jp',
    },
    {
      name: 'Shift_JIS',
      text: '港湾局によると、コンテナ輸送は予定通り続いている。',
      encoding: 'shift_jis',
    },
    {
      name: 'EUC-KR',
      text: '항만 당국은 컨테이너 운송이 예정대로 계속되고 있다고 밝혔다.',
      encoding: 'euc-kr',
    },
    {
      name: 'Big5',
      text: '港口當局表示，貨櫃運輸仍按計劃進行。兩家歐洲航運公司暫停了預訂。',
      encoding: 'big5',
    },
    { name: 'CP866', text: RUSSIAN, encoding: 'cp866' },
  ])(
    '$name text, whose byte pairs are sometimes UTF-8, is not mostly UTF-8',
    ({ text, encoding }) => {
      const evidence = measureUtf8(iconv.encode(text, encoding))
      expect(isMostlyUtf8(evidence)).toBe(false)
    },
  )

  it('counts sequences and invalid bytes as the WHATWG decoder draws them', () => {
    // é, an overlong "/", a surrogate half, a code point past U+10FFFF, a cut-off €.
    const bytes = Uint8Array.from([
      0xc3, 0xa9, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82,
    ])
    expect(measureUtf8(bytes)).toEqual({ multiByteSequences: 1, invalidBytes: 11 })
    expect(decodeUtf8WithFallback(bytes, 'windows-1252')).toBe('éÀ¯í\u00a0€ô\uFFFD€€â‚')
  })
})

describe('properties', () => {
  it('any valid UTF-8 has no invalid bytes and decodes unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const bytes = new TextEncoder().encode(text)
        expect(measureUtf8(bytes).invalidBytes).toBe(0)
        expect(decodeUtf8WithFallback(bytes, 'windows-1252')).toBe(text)
      }),
    )
  })

  it('finds invalid bytes exactly when a strict decoder refuses the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        let strictOk = true
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes)
        } catch {
          strictOk = false
        }
        expect(measureUtf8(bytes).invalidBytes === 0).toBe(strictOk)
      }),
    )
  })
})
