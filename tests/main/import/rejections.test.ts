import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseArticleFile, parsePastedText } from '../../../src/main/import'
import { formatSize } from '../../../src/main/import/rejections'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const MB = 1024 * 1024
const ARTICLE = 'Port Operator Denies Halt\n\nContainer traffic continues as scheduled.'

describe('files that are refused', () => {
  it.each([
    { name: 'an empty file', file: 'a.txt', bytes: new Uint8Array(), reason: 'file is empty' },
    {
      name: 'a file over the default limit',
      file: 'big.txt',
      bytes: new Uint8Array(Math.round(6.2 * MB)).fill(0x61),
      reason: 'file is 6.2 MB; the limit is 5 MB',
    },
    {
      name: 'a file just over the limit (rounded up, never "5 MB; the limit is 5 MB")',
      file: 'big.md',
      bytes: new Uint8Array(5 * MB + 1).fill(0x61),
      reason: 'file is 5.1 MB; the limit is 5 MB',
    },
    {
      name: 'a file over a custom limit',
      file: 'a.html',
      bytes: utf8(ARTICLE),
      maxBytes: 10,
      reason: `file is ${utf8(ARTICLE).length} bytes; the limit is 10 bytes`,
    },
    {
      name: 'a PowerPoint file',
      file: 'slides.PPTX',
      bytes: utf8('PK'),
      reason:
        'unsupported file type .pptx; use .txt, .md, .html, .htm, .xhtml, .docx, .pdf, .mhtml or .mht',
    },
    {
      name: 'a PDF (only readArticleFile reads PDFs)',
      file: 'report.PDF',
      bytes: utf8('%PDF-1.7'),
      reason: 'PDFs cannot be read by this importer (use readArticleFile)',
    },
    {
      name: 'a file without an extension',
      file: 'README',
      bytes: utf8(ARTICLE),
      reason:
        'unsupported file type (no extension); use .txt, .md, .html, .htm, .xhtml, .docx, .pdf, .mhtml or .mht',
    },
    {
      name: 'a dot file (no extension)',
      file: '/home/a/.profile',
      bytes: utf8(ARTICLE),
      reason:
        'unsupported file type (no extension); use .txt, .md, .html, .htm, .xhtml, .docx, .pdf, .mhtml or .mht',
    },
    {
      name: 'binary data with NUL bytes',
      file: 'image.txt',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      reason: 'looks like a binary file, not text',
    },
    {
      name: 'text full of control characters',
      file: 'noise.txt',
      bytes: utf8('ab\u0001\u0002cd\u0003\u0004ef\u0005\u0006gh'),
      reason: 'looks like a binary file, not text',
    },
    {
      name: 'UTF-16 text with a NUL character',
      file: 'u16.txt',
      bytes: new Uint8Array([0xff, 0xfe, ...iconv.encode('ab\u0000cd', 'utf16le')]),
      reason: 'looks like a binary file, not text',
    },
    {
      name: 'whitespace only',
      file: 'blank.txt',
      bytes: utf8(' \n\t\r\n  '),
      reason: 'no readable text found',
    },
    {
      name: 'site chrome only',
      file: 'chrome.txt',
      bytes: utf8('No time to read?\nGet a summary\n'),
      reason: 'no readable text found',
    },
    {
      name: 'punctuation only',
      file: 'dots.md',
      bytes: utf8('... --- !!!\n\n***'),
      reason: 'no readable text found',
    },
    {
      name: 'HTML with only scripts and styles',
      file: 'empty.html',
      bytes: utf8(
        '<html><head><style>p{}</style></head><body><script>alert(1)</script></body></html>',
      ),
      reason: 'no readable text found',
    },
    {
      name: 'HTML nested thousands of levels deep (tree builders would take minutes)',
      file: 'deep.html',
      bytes: utf8(`<!doctype html>${'<div>'.repeat(50_000)}Deep text.`),
      reason:
        'the page’s markup is nested too deeply to read safely; save the page as text instead',
    },
  ])('refuses $name', ({ file, bytes, maxBytes, reason }) => {
    expect(parseArticleFile(file, bytes, { maxBytes })).toEqual({ ok: false, reason })
  })

  it('accepts the same text under a supported extension', () => {
    expect(parseArticleFile('README.txt', utf8(ARTICLE)).ok).toBe(true)
  })
})

describe('pasted text that is refused', () => {
  it.each([
    { name: 'nothing', text: '', reason: 'pasted text is empty' },
    { name: 'blank lines', text: '\n\n  \n', reason: 'no readable text found' },
    {
      name: 'text over the limit',
      text: 'é'.repeat(600),
      maxBytes: 1024,
      reason: 'pasted text is 1.2 KB; the limit is 1 KB',
    },
  ])('refuses $name', ({ text, maxBytes, reason }) => {
    expect(parsePastedText(text, { maxBytes })).toEqual({ ok: false, reason })
  })
})

describe('formatSize', () => {
  it.each([
    { bytes: 1, text: '1 byte' },
    { bytes: 999, text: '999 bytes' },
    { bytes: 1536, text: '1.5 KB' },
    { bytes: 5 * MB, text: '5 MB' },
    { bytes: 6.25 * MB, text: '6.3 MB' },
  ])('writes $bytes bytes as $text', ({ bytes, text }) => {
    expect(formatSize(bytes)).toBe(text)
  })
})
