import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  blockId,
  blockquote,
  escapeBlockLine,
  escapeHeading,
  escapeInline,
  escapeTableCell,
  markdownLink,
  neutraliseNote,
  normaliseNewlines,
  obsidianTag,
  yamlString,
} from '../../../src/shared/export/markdown-escape'
import { hostileText } from './markdown-structure'

describe('normaliseNewlines', () => {
  it.each([
    ['CRLF', 'a\r\nb', 'a\nb'],
    ['lone CR', 'a\rb', 'a\nb'],
    ['mixed', 'a\r\n\rb\n', 'a\n\nb\n'],
    ['line separator', 'a\u2028b', 'a\nb'],
    ['paragraph separator', 'a\u2029b', 'a\nb'],
    ['NEL is not a line ending in Markdown', 'a\u0085b', 'a\u0085b'],
    ['LF untouched', 'a\nb', 'a\nb'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseNewlines(input)).toBe(expected)
  })
})

describe('yamlString', () => {
  it.each([
    ['plain', 'Briefing', '"Briefing"'],
    ['double quote and backslash', 'say "hi" \\o/', '"say \\"hi\\" \\\\o/"'],
    ['newline and tab', 'a\nb\tc', '"a\\nb\\tc"'],
    ['NEL and line separator', 'a\u0085b\u2028c', '"a\\u0085b\\u2028c"'],
    ['BOM', '\uFEFFx', '"\\uFEFFx"'],
    ['lone surrogate', 'x\uD800', '"x\\uD800"'],
    ['surrogate pair kept', '😀', '"😀"'],
  ])('%s', (_name, input, expected) => {
    expect(yamlString(input)).toBe(expected)
  })

  it.each([
    '---',
    '...',
    'key: value',
    '# comment',
    '> folded',
    '| literal',
    '- item',
    '* alias',
    '& anchor',
    '! tag',
    '%YAML 1.2',
    '@reserved',
    '`reserved`',
    '{ flow: map }',
    '[flow, seq]',
    'yes',
    'null',
    '~',
    '0x1F',
    '1e3',
    ' leading and trailing spaces ',
    'line one\nline two\r\nline three\rfour',
    'Привет, 世界 😀',
    '\u0000\u0007\u001B\u007F\u0080\u009F',
    '\uFFFE\uFFFF',
  ])('round-trips %j through a YAML parser', (value) => {
    expect(parse(`key: ${yamlString(value)}`)).toEqual({ key: value })
  })

  // Any code point, lone surrogates included (`unit: 'binary'` is much slower to sample).
  const anyCodePoints = fc.string({
    unit: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  })

  it('round-trips any string', () => {
    fc.assert(
      fc.property(hostileText(), anyCodePoints, (a, b) => {
        expect(parse(`a: ${yamlString(a)}\nb: ${yamlString(b)}`)).toEqual({ a, b })
      }),
    )
  })
})

describe('escapeInline', () => {
  it.each([
    ['plain text', 'BMW keeps ties', 'BMW keeps ties'],
    ['newlines become spaces', 'a\nb\r\nc\u2028d', 'a b c d'],
    ['emphasis', '*a* _b_', '\\*a\\* \\_b\\_'],
    ['code', '`x`', '\\`x\\`'],
    ['links', '[t](http://x)', '\\[t\\](http://x)'],
    ['wiki links', '[[Note]]', '\\[\\[Note\\]\\]'],
    ['pipe', 'a | b', 'a \\| b'],
    ['tag', '#leak', '\\#leak'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['html', '<script>x</script>', '&lt;script>x&lt;/script>'],
    ['html comment', '<!-- x -->', '&lt;!-- x -->'],
    // `\#` already stops `&#123;` being an entity.
    ['entity stays literal', '&amp; &#123; AT&T', '&amp;amp; &\\#123; AT&T'],
    ['Obsidian highlight', 'a == b ==hl==', 'a \\=\\= b \\=\\=hl\\=\\='],
    ['single equals kept', 'x = 1', 'x = 1'],
    ['Obsidian comment', '%% hidden %%', '\\%\\% hidden \\%\\%'],
    ['single percent kept', '5%', '5%'],
    ['math', '$5 and $10', '\\$5 and \\$10'],
    ['block ref', 'end ^abc', 'end \\^abc'],
    ['strikethrough', '~~x~~', '\\~\\~x\\~\\~'],
    ['control characters dropped', 'a\u0000b\u0007c', 'abc'],
    ['unicode kept', 'Kaliningrad — «Автотор»', 'Kaliningrad — «Автотор»'],
  ])('%s', (_name, input, expected) => {
    expect(escapeInline(input)).toBe(expected)
  })

  it('never leaves a newline or a raw `<`', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        const out = escapeInline(text)
        expect(out).not.toMatch(/[\n\r\u2028\u2029<]/u)
      }),
    )
  })
})

describe('escapeBlockLine', () => {
  it.each([
    ['blockquote', '> quoted', '\\> quoted'],
    ['thematic break', '---', '\\---'],
    ['bullet', '- item', '\\- item'],
    ['plus bullet', '+ item', '\\+ item'],
    ['star bullet', '* item', '\\* item'],
    ['ordered list', '1. item', '1\\. item'],
    ['ordered list paren', '12) item', '12\\) item'],
    ['year is not a list without the dot', '2024 was', '2024 was'],
    ['setext underline', '===', '\\=\\=\\='],
    ['heading', '# h', '\\# h'],
    ['indented code', '    code', 'code'],
    ['tab indent', '\tcode', 'code'],
    ['NBSP and BOM indent', '\u00A0\uFEFF> x', '\\> x'],
    ['fence', '```js', '\\`\\`\\`js'],
    ['tilde fence', '~~~', '\\~\\~\\~'],
    ['html block', '<div>', '&lt;div>'],
    ['plain', 'Plain text.', 'Plain text.'],
  ])('%s', (_name, input, expected) => {
    expect(escapeBlockLine(input)).toBe(expected)
  })
})

describe('escapeHeading and escapeTableCell', () => {
  it.each([
    ['trailing hashes', 'Title ##', 'Title \\#\\#'],
    ['newline', 'one\ntwo', 'one two'],
    ['blank', '  \n ', '(untitled)'],
    ['separators', '--- | ---', '--- \\| ---'],
  ])('heading: %s', (_name, input, expected) => {
    expect(escapeHeading(input)).toBe(expected)
  })

  it.each([
    ['pipe', 'a|b', 'a\\|b'],
    ['escaped pipe stays escaped', 'a\\|b', 'a\\\\\\|b'],
    ['newline', 'a\nb', 'a b'],
    ['trimmed', '  a  ', 'a'],
    ['empty', '', ''],
  ])('table cell: %s', (_name, input, expected) => {
    expect(escapeTableCell(input)).toBe(expected)
  })
})

describe('blockquote', () => {
  it.each([
    ['one line', 'quote', '> quote'],
    ['multi-line', 'a\nb', '> a\n> b'],
    ['blank line stays inside', 'a\n\nb', '> a\n>\n> b'],
    ['CRLF', 'a\r\nb', '> a\n> b'],
    ['line separator', 'a\u2028- b', '> a\n> \\- b'],
    ['nested quote escaped', '> x', '> \\> x'],
    ['separator escaped', 'a\n---', '> a\n> \\---'],
  ])('%s', (_name, input, expected) => {
    expect(blockquote(input)).toBe(expected)
  })
})

describe('markdownLink', () => {
  it.each([
    ['http', 'site', 'https://example.com/a', '[site](https://example.com/a)'],
    ['parentheses encoded', 'x', 'https://e.com/a_(b)', '[x](https://e.com/a_%28b%29)'],
    ['spaces and brackets encoded', 'x', 'https://e.com/a b[1]', '[x](https://e.com/a%20b%5B1%5D)'],
    ['unicode encoded', 'x', 'https://e.com/ü', '[x](https://e.com/%C3%BC)'],
    ['angle brackets encoded', 'x', 'https://e.com/<script>', '[x](https://e.com/%3Cscript%3E)'],
    ['label escaped', '[a](b)', 'https://e.com', '[\\[a\\](b)](https://e.com)'],
    ['mailto', 'mail', 'mailto:a@b.c', '[mail](mailto:a@b.c)'],
    ['javascript is not a link', 'x', 'javascript:alert(1)', 'javascript:alert(1)'],
    ['data is not a link', 'x', 'data:text/html,<b>', 'data:text/html,&lt;b>'],
    ['relative is not a link', 'x', '/etc/passwd', '/etc/passwd'],
  ])('%s', (_name, label, url, expected) => {
    expect(markdownLink(label, url)).toBe(expected)
  })
})

describe('obsidianTag', () => {
  it.each([
    ['simple', 'bmw', 'bmw'],
    ['hierarchy kept', 'entity/company/BMW', 'entity/company/BMW'],
    ['spaces become dashes', 'needs review', 'needs-review'],
    ['messy separators tidied', ' topic /  supply chain ', 'topic/supply-chain'],
    ['disallowed characters stripped', 'weird tag: with spaces!', 'weird-tag-with-spaces'],
    ['leading hash stripped', '#already', 'already'],
    ['unicode letters kept', 'место/Калининград', 'место/Калининград'],
    ['underscore kept', 'snake_case', 'snake_case'],
    ['numeric gets a prefix', '2024', 'tag-2024'],
    ['numeric hierarchy gets a prefix', '2024/05', 'tag-2024/05'],
    ['digits with letters need no prefix', 'q3/2024', 'q3/2024'],
    ['nothing left', '!!!', null],
    ['empty segments dropped', 'a//b', 'a/b'],
  ])('%s', (_name, input, expected) => {
    expect(obsidianTag(input)).toBe(expected)
  })

  it('always gives a valid Obsidian tag or null', () => {
    fc.assert(
      fc.property(hostileText(), (name) => {
        const tag = obsidianTag(name)
        if (tag === null) return
        expect(tag).toMatch(/^[\p{L}\p{M}\p{N}_-]+(?:\/[\p{L}\p{M}\p{N}_-]+)*$/u)
        expect(tag).toMatch(/\p{L}/u)
      }),
    )
  })
})

describe('blockId', () => {
  it.each([
    ['already valid', 'ann-1', 'ann-1'],
    ['colons and slashes', 'ann:hostile/1', 'ann-hostile-1'],
    ['underscores', 'a_b_c', 'a-b-c'],
    ['unicode', 'заметка-1', '1'],
    ['edges trimmed', '__x__', 'x'],
    ['nothing left', '???', 'block'],
  ])('%s', (_name, input, expected) => {
    expect(blockId(input)).toBe(expected)
  })
})

describe('neutraliseNote', () => {
  it.each([
    ['a block id ending a line escaped', 'Same as ^ann-1', 'Same as \\^ann-1'],
    ['a block id alone on a line escaped', 'see\n^ann-1 ', 'see\n\\^ann-1 '],
    ['a caret inside a word kept', 'x^2 and 10^6', 'x^2 and 10^6'],
    ['a block id in a code span kept', 'write `text ^id`', 'write `text ^id`'],
    ['a block id in a code span ending the line kept', 'use `^id`', 'use `^id`'],
    ['a block id in fenced code kept', '```\nline ^ann-1\n```', '```\nline ^ann-1\n```'],
    [
      'plain Markdown kept',
      '**bold** and [link](https://x.org)\n\n- a\n- b',
      '**bold** and [link](https://x.org)\n\n- a\n- b',
    ],
    ['thematic break', 'a\n\n---\n\nb', 'a\n\n\\---\n\nb'],
    ['setext underline', 'Title\n===', 'Title\n\\==='],
    ['single dash underline', 'Title\n-', 'Title\n\\-'],
    ['starred break', '* * *', '\\* * *'],
    ['headings demoted', '# One\n### Three\n###### Six', '#### One\n###### Three\n###### Six'],
    ['hash without space is a tag', '#tag', '#tag'],
    ['heading after a BOM still demoted', '#\uFEFFx', '####\uFEFFx'],
    ['html comment', '<!-- hidden', '&lt;!-- hidden'],
    ['keep marker neutralised', '<!-- workbench:keep -->', '&lt;!-- workbench:keep -->'],
    ['raw html', 'a <script>x</script>', 'a &lt;script>x&lt;/script>'],
    ['inline code keeps <', 'use `<b>` here', 'use `<b>` here'],
    ['double backtick code', '``a ` <b>`` <i>', '``a ` <b>`` &lt;i>'],
    ['unmatched backtick', '` <b>', '` &lt;b>'],
    ['autolink kept', '<https://example.com>', '<https://example.com>'],
    ['fenced code kept', '```\n<b>\n---\n```', '```\n<b>\n---\n```'],
    [
      'marker inside code moved off column 0',
      '```\n<!-- /workbench:keep -->\n```',
      '```\n <!-- /workbench:keep -->\n```',
    ],
    ['unclosed fence closed', '```js\nx', '```js\nx\n```'],
    ['unclosed tilde fence closed', '~~~~\nx', '~~~~\nx\n~~~~'],
    ['balanced Obsidian comment kept', '%% a %% b', '%% a %% b'],
    ['unbalanced Obsidian comment escaped', '%% a', '\\%\\% a'],
    ['unbalanced math escaped', '$$\nx', '\\$\\$\nx'],
    ['CRLF normalised', 'a\r\nb', 'a\nb'],
  ])('%s', (_name, input, expected) => {
    expect(neutraliseNote(input)).toBe(expected)
  })
})
