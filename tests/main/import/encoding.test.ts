import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import { decodeBytes, sniffHtmlCharset } from '../../../src/main/import/encoding'

const RUSSIAN_ARTICLE = [
  'Порт Усть-Луга продолжает работу в обычном режиме',
  '',
  'Контейнерные суда заходят в порт по расписанию, сообщила пресс-секретарь администрации порта Марина Волкова. По её словам, сообщения о полной остановке перевалки не соответствуют действительности.',
  '',
  'Ранее агентство Интерфакс со ссылкой на источник в отрасли сообщал, что две европейские линии приостановили бронирование до конца квартала.',
].join('\n')

const SHORT_RUSSIAN = 'Порт работает в обычном режиме.'
const SHORT_CAPITALS = 'СРОЧНО: ПОРТ ЗАКРЫТ'
const ENGLISH = 'Container traffic continues as scheduled, the port authority said.'
const GERMAN =
  'Die Hafenbehörde erklärte, dass der Containerverkehr planmäßig weiterläuft. Größere Schiffe müssen warten.'
const CHINESE = '港口当局表示，集装箱运输仍按计划进行。两家欧洲航运公司暂停了预订。'
const JAPANESE = '港湾局によると、コンテナ輸送は予定通り続いている。'

function bom(bytes: number[], body: Buffer): Uint8Array {
  return new Uint8Array([...bytes, ...body])
}

interface EncodingRow {
  readonly name: string
  readonly bytes: Uint8Array
  readonly expected: string
  readonly encoding: string
}

const rows: EncodingRow[] = [
  {
    name: 'UTF-8',
    bytes: iconv.encode(RUSSIAN_ARTICLE, 'utf8'),
    expected: RUSSIAN_ARTICLE,
    encoding: 'utf-8',
  },
  {
    name: 'UTF-8 with BOM',
    bytes: bom([0xef, 0xbb, 0xbf], iconv.encode(RUSSIAN_ARTICLE, 'utf8')),
    expected: RUSSIAN_ARTICLE,
    encoding: 'utf-8',
  },
  {
    name: 'UTF-16 LE with BOM',
    bytes: bom([0xff, 0xfe], iconv.encode(RUSSIAN_ARTICLE, 'utf16le')),
    expected: RUSSIAN_ARTICLE,
    encoding: 'utf16le',
  },
  {
    name: 'UTF-16 BE with BOM',
    bytes: bom([0xfe, 0xff], iconv.encode(RUSSIAN_ARTICLE, 'utf16be')),
    expected: RUSSIAN_ARTICLE,
    encoding: 'utf16be',
  },
  {
    name: 'UTF-16 LE with BOM, English',
    bytes: bom([0xff, 0xfe], iconv.encode(ENGLISH, 'utf16le')),
    expected: ENGLISH,
    encoding: 'utf16le',
  },
  {
    name: 'UTF-16 BE with BOM, German',
    bytes: bom([0xfe, 0xff], iconv.encode(GERMAN, 'utf16be')),
    expected: GERMAN,
    encoding: 'utf16be',
  },
  // Without a byte order mark, the byte pattern decides (utf16-sniff.ts).
  ...[
    { language: 'English', text: ENGLISH },
    { language: 'German', text: GERMAN },
    { language: 'Russian', text: RUSSIAN_ARTICLE },
    { language: 'Russian headline in capitals', text: SHORT_CAPITALS },
    { language: 'one Russian word', text: 'Порт' },
    { language: 'Chinese', text: CHINESE },
    { language: 'Japanese', text: JAPANESE },
  ].flatMap(({ language, text }) =>
    (['utf16le', 'utf16be'] as const).map((encoding) => ({
      name: `${encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE'} without BOM, ${language}`,
      bytes: iconv.encode(text, encoding),
      expected: text,
      encoding,
    })),
  ),
  {
    name: 'Windows-1251 article',
    bytes: iconv.encode(RUSSIAN_ARTICLE, 'win1251'),
    expected: RUSSIAN_ARTICLE,
    encoding: 'windows-1251',
  },
  {
    name: 'KOI8-R article',
    bytes: iconv.encode(RUSSIAN_ARTICLE, 'koi8-r'),
    expected: RUSSIAN_ARTICLE,
    encoding: 'koi8-r',
  },
  {
    name: 'Windows-1251 one short line',
    bytes: iconv.encode(SHORT_RUSSIAN, 'win1251'),
    expected: SHORT_RUSSIAN,
    encoding: 'windows-1251',
  },
  {
    name: 'KOI8-R one short line',
    bytes: iconv.encode(SHORT_RUSSIAN, 'koi8-r'),
    expected: SHORT_RUSSIAN,
    encoding: 'koi8-r',
  },
  // jschardet alone gets both of these wrong (it guesses koi8-t and MacGreek).
  {
    name: 'Windows-1251 headline in capitals',
    bytes: iconv.encode(SHORT_CAPITALS, 'win1251'),
    expected: SHORT_CAPITALS,
    encoding: 'windows-1251',
  },
  {
    name: 'KOI8-R headline in capitals',
    bytes: iconv.encode(SHORT_CAPITALS, 'koi8-r'),
    expected: SHORT_CAPITALS,
    encoding: 'koi8-r',
  },
  {
    name: 'MacCyrillic article',
    bytes: iconv.encode(RUSSIAN_ARTICLE, 'maccyrillic'),
    expected: RUSSIAN_ARTICLE,
    encoding: 'maccyrillic',
  },
  {
    name: 'Windows-1252 French (not mistaken for Cyrillic)',
    bytes: iconv.encode('Le café est très populaire en France.', 'win1252'),
    expected: 'Le café est très populaire en France.',
    encoding: 'windows-1252',
  },
  {
    name: 'plain ASCII',
    bytes: iconv.encode(ENGLISH, 'utf8'),
    expected: ENGLISH,
    encoding: 'utf-8',
  },
]

describe('decodeBytes', () => {
  it.each(rows)('decodes $name', ({ bytes, expected, encoding }) => {
    const decoded = decodeBytes(bytes)
    expect(decoded.text).toBe(expected)
    expect(decoded.encoding).toBe(encoding)
  })

  it.each(rows)('imports a .txt file in $name with the right words', ({ bytes, expected }) => {
    const outcome = parseArticleFile('article.txt', bytes)
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    const text = [outcome.article.title, ...outcome.article.blocks.map((b) => b.text)].join(' ')
    // Every word of the source survives decoding (the title may be cut short).
    for (const word of expected
      .replace(/[«».,:]/g, ' ')
      .split(/\s+/)
      .slice(0, 12)) {
      if (word !== '') expect(text).toContain(word)
    }
    expect(text).not.toContain('\uFFFD')
  })
})

describe('text that only looks like UTF-16, or has stray NULs', () => {
  // Each NUL stands for one byte 0x00 in the file; decoding keeps it for
  // the binary check to judge (binary-check.test.ts).
  it.each([
    {
      name: 'ASCII whose byte pairs are ideographs ("Bush hid the facts")',
      text: 'Bush hid the facts',
      source: 'utf8',
      encoding: 'utf-8',
    },
    {
      // jschardet 4 calls this UTF-16 LE: 3% of its bytes are NULs.
      name: 'UTF-8 Russian with a stray NUL',
      text: 'Порт работ\u0000ает в обычном режиме.',
      source: 'utf8',
      encoding: 'utf-8',
    },
    {
      name: 'UTF-8 English with a NUL at the end',
      text: `${ENGLISH}\u0000`,
      source: 'utf8',
      encoding: 'utf-8',
    },
    {
      name: 'Windows-1252 French with a stray NUL',
      text: 'Le café est très\u0000 populaire en France.',
      source: 'win1252',
      encoding: 'windows-1252',
    },
    {
      name: 'Windows-1251 Russian with a stray NUL',
      text: `${SHORT_RUSSIAN.slice(0, 9)}\u0000${SHORT_RUSSIAN.slice(9)}`,
      source: 'win1251',
      encoding: 'windows-1251',
    },
    {
      name: 'Shift_JIS Japanese',
      text: JAPANESE,
      source: 'shift_jis',
      encoding: 'shift_jis',
    },
    {
      name: 'Shift_JIS Japanese with a stray NUL',
      text: `${JAPANESE.slice(0, 5)}\u0000${JAPANESE.slice(5)}`,
      source: 'shift_jis',
      encoding: 'shift_jis',
    },
    {
      name: 'Big5 Chinese with a stray NUL',
      text: '港口當局表示，貨櫃運輸仍按\u0000計劃進行。兩家歐洲航運公司暫停了預訂。',
      source: 'big5',
      encoding: 'big5',
    },
  ])('decodes $name as $encoding', ({ text, source, encoding }) => {
    const decoded = decodeBytes(iconv.encode(text, source))
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.text).toBe(text)
  })
})

describe('HTML charset declarations', () => {
  const page = (head: string): string =>
    `<!doctype html><html><head>${head}<title>Новости</title></head><body><p>${SHORT_RUSSIAN}</p></body></html>`

  it.each([
    { declaration: '<meta charset="windows-1251">', label: 'windows-1251' },
    { declaration: "<meta charset='KOI8-R'>", label: 'koi8-r' },
    {
      declaration: '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
      label: 'windows-1251',
    },
    { declaration: '<!-- <meta charset="koi8-r"> --><meta charset=utf-8>', label: 'utf-8' },
  ])('finds $label in $declaration', ({ declaration, label }) => {
    expect(sniffHtmlCharset(new TextEncoder().encode(page(declaration)))).toBe(label)
  })

  it('decodes with the declared charset even where detection alone would hesitate', () => {
    // MacCyrillic and Windows-1251 share most lowercase letters; the tag decides.
    const bytes = iconv.encode(page('<meta charset="x-mac-cyrillic">'), 'maccyrillic')
    expect(decodeBytes(bytes, { html: true })).toMatchObject({ encoding: 'maccyrillic' })
    expect(decodeBytes(bytes, { html: true }).text).toContain(SHORT_RUSSIAN)
  })

  it('prefers valid UTF-8 over a stale legacy declaration', () => {
    const bytes = new TextEncoder().encode(page('<meta charset="windows-1251">'))
    const decoded = decodeBytes(bytes, { html: true })
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.text).toContain(SHORT_RUSSIAN)
  })

  it('ignores a UTF-8 declaration on bytes that are not UTF-8', () => {
    const bytes = iconv.encode(page('<meta charset="utf-8">'), 'win1251')
    const decoded = decodeBytes(bytes, { html: true })
    expect(decoded.encoding).toBe('windows-1251')
    expect(decoded.text).toContain(SHORT_RUSSIAN)
  })

  it('looks at the declaration only in HTML', () => {
    const bytes = iconv.encode(`<meta charset="koi8-r"> ${SHORT_RUSSIAN}`, 'win1251')
    expect(decodeBytes(bytes).encoding).toBe('windows-1251')
  })
})

describe('Chinese, Japanese and Korean double-byte text', () => {
  // Their byte pairs read one at a time are mostly Cyrillic letters in
  // ISO-8859-5, which is what these came out as before jschardet's naming
  // of a double-byte encoding was heard first.
  const KOREAN = '항만 당국은 컨테이너 운송이 예정대로 계속되고 있다고 밝혔다.'
  it.each([
    { name: 'GBK Chinese', text: CHINESE, source: 'gbk', encoding: 'gb18030' },
    {
      name: 'GBK Chinese, a paragraph',
      text: CHINESE.repeat(5),
      source: 'gbk',
      encoding: 'gb18030',
    },
    { name: 'EUC-JP Japanese', text: JAPANESE, source: 'euc-jp', encoding: 'euc-jp' },
    { name: 'EUC-KR Korean', text: KOREAN, source: 'euc-kr', encoding: 'cp949' },
  ])('decodes $name as $encoding, not as Cyrillic', ({ text, source, encoding }) => {
    const decoded = decodeBytes(iconv.encode(text, source))
    expect(decoded).toEqual({ text, encoding })
  })
})
