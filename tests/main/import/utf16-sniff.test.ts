import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { sniffUtf16 } from '../../../src/main/import/utf16-sniff'

const ENGLISH = 'Container traffic continues as scheduled, the port authority said.'
const GERMAN = 'Die Hafenbehörde erklärte, der Verkehr laufe planmäßig weiter.'
const RUSSIAN = 'Порт Усть-Луга продолжает работу в обычном режиме.'
const CHINESE = '港口当局表示，集装箱运输仍按计划进行。'
const JAPANESE = '港湾局によると、コンテナ輸送は予定通り続いている。'
const KOREAN = '항만 당국은 컨테이너 운송이 예정대로 계속되고 있다고 밝혔다.'
const GREEK = 'Η λιμενική αρχή δήλωσε ότι η κυκλοφορία συνεχίζεται.'
const THAI = 'การท่าเรือแจ้งว่าการขนส่งตู้สินค้ายังคงดำเนินต่อไปตามกำหนด'

const bytes = (values: number[]): Uint8Array => Uint8Array.from(values)

describe('sniffUtf16', () => {
  it.each([
    { name: 'English', text: ENGLISH },
    { name: 'German with umlauts', text: GERMAN },
    { name: 'Russian', text: RUSSIAN },
    { name: 'Russian headline in capitals', text: 'СРОЧНО: ПОРТ ЗАКРЫТ' },
    { name: 'one Russian word (no ASCII at all)', text: 'Порт' },
    { name: 'Greek', text: GREEK },
    { name: 'Korean', text: KOREAN },
    { name: 'Thai (no spaces between words)', text: THAI },
    { name: 'Chinese (no NUL bytes at all)', text: CHINESE },
    { name: 'Japanese', text: JAPANESE },
    { name: 'English with emoji', text: 'Port 🚢 open 👍' },
    { name: 'two letters', text: 'Hi' },
  ])('recognises $name in both byte orders', ({ text }) => {
    expect(sniffUtf16(iconv.encode(text, 'utf16le'))).toBe('utf16le')
    expect(sniffUtf16(iconv.encode(text, 'utf16be'))).toBe('utf16be')
  })

  it.each([
    {
      name: 'ASCII whose byte pairs are ideographs',
      input: iconv.encode('Bush hid the facts', 'utf8'),
    },
    { name: 'UTF-8 Russian', input: iconv.encode(RUSSIAN, 'utf8') },
    {
      name: 'UTF-8 Russian with a stray NUL',
      input: iconv.encode('Порт работ\u0000ает в обычном режиме.', 'utf8'),
    },
    {
      name: 'Windows-1252 with a stray NUL',
      input: iconv.encode('Le café est très\u0000 populaire en France.', 'win1252'),
    },
    { name: 'Windows-1251 Russian', input: iconv.encode(RUSSIAN, 'win1251') },
    { name: 'GBK Chinese', input: iconv.encode(CHINESE, 'gbk') },
    { name: 'Big5 Chinese', input: iconv.encode('港口當局表示，貨櫃運輸仍按計劃進行。', 'big5') },
    { name: 'Shift_JIS Japanese', input: iconv.encode(JAPANESE, 'shift_jis') },
    { name: 'EUC-JP Japanese', input: iconv.encode(JAPANESE, 'euc-jp') },
    { name: 'EUC-KR Korean', input: iconv.encode(KOREAN, 'euc-kr') },
    { name: 'UTF-32 LE English', input: iconv.encode(ENGLISH, 'utf32le') },
    {
      name: 'UTF-16 with an odd number of bytes',
      input: iconv.encode(ENGLISH, 'utf16le').subarray(1),
    },
    {
      name: 'a PNG header',
      input: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
    },
    {
      name: 'little-endian integers',
      input: bytes([1, 0, 2, 0, 3, 0, 0x10, 0, 0x20, 0, 0xff, 0xff, 0, 0, 7, 0]),
    },
    // Without kana or CJK punctuation, eight ideographs are no evidence:
    // Shift_JIS kanji read in pairs are ideographs too. A known limit.
    { name: 'Chinese without punctuation', input: iconv.encode('中国经济正在增长', 'utf16le') },
    { name: 'nothing', input: bytes([]) },
  ])('does not take $name for UTF-16', ({ input }) => {
    expect(sniffUtf16(input)).toBeNull()
  })

  it('does not take random bytes for UTF-16', () => {
    // Shorter inputs can be read as a few letters (1 in 1,000 at 8 bytes);
    // from 32 bytes on, none of 50,000 random inputs passed.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 2000 }), (input) => {
        expect(sniffUtf16(input)).toBeNull()
      }),
      { numRuns: 500 },
    )
  })

  it('does not take text with a few NULs for UTF-16', () => {
    const word = fc.constantFrom('port', 'Hafenbehörde', 'café', 'порт', 'работает', '2024', '—')
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 12, maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('utf8', 'win1252', 'win1251'),
        (words, positions, encoding) => {
          const chars = [...words.join(' ')]
          for (const position of positions) chars.splice(position % chars.length, 0, '\u0000')
          expect(sniffUtf16(iconv.encode(chars.join(''), encoding))).toBeNull()
        },
      ),
      { numRuns: 300 },
    )
  })
})
