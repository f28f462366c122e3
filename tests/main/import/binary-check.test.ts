import { deflateSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseArticleFile, parsePastedText, type ParseOutcome } from '../../../src/main/import'
import { looksBinary } from '../../../src/main/import/binary-check'
import { REASONS } from '../../../src/main/import/rejections'

const ARTICLE = [
  'Port Operator Denies Halt',
  '',
  'Container traffic continues as scheduled, the port authority said on Tuesday.',
  '',
  'Two European lines had suspended bookings until the end of the quarter, Interfax reported.',
].join('\n')

const FRENCH = [
  'Le port reste ouvert',
  '',
  'Le trafic des conteneurs se poursuit normalement, a déclaré l’autorité portuaire. Les délais à Saint-Pétersbourg sont inchangés.',
].join('\n')

const RUSSIAN = [
  'Порт Усть-Луга работает',
  '',
  'Контейнерные суда заходят в порт по расписанию, сообщила пресс-секретарь администрации порта.',
].join('\n')

const JAPANESE = ['港湾局の発表', '', '港湾局によると、コンテナ輸送は予定通り続いている。'].join(
  '\n',
)

const HTML_PAGE =
  '<!doctype html><html><head><title>Port Operator Denies Halt</title></head><body><article><h1>Port Operator Denies Halt</h1><p>Container traffic continues as scheduled, the port authority said on Tuesday.</p><p>Two European lines had suspended bookings until the end of the quarter.</p></article></body></html>'

/** The text with a NUL put in before the character at each position. */
function withNuls(text: string, ...positions: number[]): string {
  const chars = [...text]
  for (const position of [...positions].sort((a, b) => b - a)) chars.splice(position, 0, '\u0000')
  return chars.join('')
}

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

describe('stray NULs in a text file', () => {
  // What a crashed editor, a C string terminator or a bad copy leaves
  // behind. The text is imported as if the NULs were not there (they are
  // dropped like the other control characters, see binary-check.ts).
  it.each([
    { name: 'UTF-8 with one NUL', file: 'a.txt', text: ARTICLE, nuls: [40], encoding: 'utf8' },
    {
      name: 'Windows-1252 with one NUL',
      file: 'a.txt',
      text: FRENCH,
      nuls: [60],
      encoding: 'win1252',
    },
    {
      name: 'Windows-1251 with one NUL',
      file: 'a.txt',
      text: RUSSIAN,
      nuls: [50],
      encoding: 'win1251',
    },
    {
      name: 'Shift_JIS with one NUL',
      file: 'a.txt',
      text: JAPANESE,
      nuls: [12],
      encoding: 'shift_jis',
    },
    {
      name: 'UTF-8 with a NUL at the end (a C string terminator)',
      file: 'a.txt',
      text: ARTICLE,
      nuls: [[...ARTICLE].length],
      encoding: 'utf8',
    },
    {
      name: 'UTF-8 with four NULs, the most forgiven',
      file: 'a.txt',
      text: ARTICLE,
      nuls: [3, 40, 90, 150],
      encoding: 'utf8',
    },
    {
      name: 'UTF-8 Markdown with one NUL',
      file: 'a.md',
      text: `# ${ARTICLE}`,
      nuls: [50],
      encoding: 'utf8',
    },
    {
      name: 'UTF-8 HTML with a NUL in a paragraph',
      file: 'a.html',
      text: HTML_PAGE,
      nuls: [HTML_PAGE.indexOf('scheduled')],
      encoding: 'utf8',
    },
  ])('imports $name as if the NULs were not there', ({ file, text, nuls, encoding }) => {
    const damaged = iconv.encode(withNuls(text, ...nuls), encoding)
    const intact = iconv.encode(text, encoding)
    expect(damaged.filter((byte) => byte === 0)).toHaveLength(nuls.length)
    const imported = article(parseArticleFile(file, damaged))
    expect(imported).toEqual(article(parseArticleFile(file, intact)))
    expect(JSON.stringify(imported)).not.toMatch(/\\u0000|\uFFFD/)
  })

  it('imports pasted text with a stray NUL as if it were not there', () => {
    expect(parsePastedText(withNuls(ARTICLE, 40))).toEqual(parsePastedText(ARTICLE))
  })
})

/** A tiny PDF: a catalog, a page and one content stream, compressed or not. */
function pdf(compress: boolean): Uint8Array {
  const content = Buffer.from(
    'BT /F1 24 Tf 72 720 Td (Port operator denies halt; traffic continues as scheduled.) Tj ET\n'.repeat(
      20,
    ),
  )
  const stream = compress ? deflateSync(content) : content
  const filter = compress ? ' /Filter /FlateDecode' : ''
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length ${stream.length}${filter} >>\nstream\n`,
      'latin1',
    ),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Size 5 /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ])
}

/** Bytes from a fixed-seed generator, the same on every run. */
function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed
  return Uint8Array.from({ length }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state >>> 24
  })
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

describe('binary files', () => {
  it.each([
    { name: 'a PNG image', bytes: PNG_1X1 },
    {
      name: 'a JPEG header',
      bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
    },
    { name: 'a small PDF with a compressed stream', bytes: pdf(true) },
    // All ASCII apart from one comment line: only its signature gives it away.
    { name: 'a small PDF with an uncompressed stream', bytes: pdf(false) },
    {
      name: 'a ZIP archive (also .docx)',
      bytes: Buffer.concat([
        Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        Buffer.from('word/document.xml<w:document>Port</w:document>'),
      ]),
    },
    {
      name: 'an ELF program header',
      bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array<number>(56).fill(0)]),
    },
    { name: '4 KB of random bytes', bytes: randomBytes(4096, 42) },
    {
      name: 'a text with five NULs',
      bytes: iconv.encode(withNuls(ARTICLE, 3, 40, 90, 150, 200), 'utf8'),
    },
    {
      name: 'a text with a zero-filled block',
      bytes: Buffer.concat([Buffer.from(ARTICLE), Buffer.alloc(512), Buffer.from(ARTICLE)]),
    },
    { name: 'UTF-32 without a byte order mark', bytes: iconv.encode(ARTICLE, 'utf32le') },
    // One NUL in five characters is not damage inside text.
    { name: 'a short text that is a fifth NULs', bytes: Buffer.from('ab\u0000cd') },
  ])('refuses $name as binary', ({ bytes }) => {
    expect(parseArticleFile('file.txt', bytes)).toEqual({ ok: false, reason: REASONS.binary })
  })
})

describe('stray NULs in a long text', () => {
  const sentence = 'Container traffic through the port continued as scheduled on Tuesday. '
  const long = sentence.repeat(3000) // 213,000 characters

  it('reads a long page with a NUL in every 8,000 characters as text', () => {
    const damaged = long.replace(/Tuesday/g, (match, offset: number) =>
      offset % 8000 < sentence.length ? `${match}\u0000` : match,
    )
    expect(damaged.split('\u0000').length - 1).toBeGreaterThan(20)
    expect(looksBinary(damaged)).toBe(false)
  })

  it('still calls a text binary when one character in a hundred is a NUL', () => {
    const dense = long.replace(/Tuesday/g, 'Tues\u0000day')
    expect(looksBinary(dense)).toBe(true)
  })
})
