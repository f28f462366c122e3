import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { STARTER_TEMPLATE_SOURCE } from '../../../src/shared/export/default-template'
import { withChecksum } from '../../../src/shared/export/keep-regions'
import { buildBriefingModel } from '../../../src/shared/export/briefing-model'
import {
  DEFAULT_TEMPLATE_LIMITS,
  formatTemplateError,
  renderTemplate,
} from '../../../src/shared/export/template'
import {
  GENERATED_AT,
  HOSTILE_QUOTE,
  HOSTILE_TITLE,
  hostileInput,
  knownLinkTarget,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'

const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1'

async function expectGolden(name: string, actual: string): Promise<void> {
  const path = fileURLToPath(new URL(`../../fixtures/export/${name}`, import.meta.url))
  if (UPDATE_GOLDEN) await writeFile(path, actual, 'utf8')
  expect(actual).toBe(await readFile(path, 'utf8'))
}

const model = buildBriefingModel({
  title: oneArticleInput.title,
  generatedAt: GENERATED_AT,
  articles: oneArticleInput.articles,
})
const hostile = buildBriefingModel({
  title: hostileInput.title,
  generatedAt: GENERATED_AT,
  articles: hostileInput.articles,
})

function text(source: string, on = model): string {
  const result = renderTemplate(source, on)
  if (!result.ok) throw new Error(formatTemplateError(result.error))
  return result.text
}

function failure(source: string, limits = DEFAULT_TEMPLATE_LIMITS) {
  const result = renderTemplate(source, model, limits)
  if (result.ok) throw new Error(`expected an error, got ${result.text.slice(0, 200)}`)
  return result.error
}

describe('renderTemplate: output and filters', () => {
  it.each([
    ['{{ briefing.title }}', oneArticleInput.title],
    ['{{ briefing.articleCount }}/{{ briefing.claimCount }}', '1/1'],
    ['{{ "a*b_c" }}', 'a\\*b\\_c'],
    ['{{ "a*b" | raw }}', 'a*b'],
    ['{{ "<b>x</b> | y" | md }}', '&lt;b>x&lt;/b> \\| y'],
    ['{{ "- item\n# head" | md_block }}', '\\- item\n\\# head'],
    ['{{ "one\ntwo" | quote }}', '> one\n> two'],
    ['{{ "> not a quote\n# heading" | note }}', '> not a quote\n#### heading'],
    ['{{ "a | b\nc" | cell }}', 'a \\| b c'],
    ['{{ "2015-07-24" | human_date }}', '24 July 2015'],
    ['{{ \'a: "b"\n#c\' | yaml }}', '"a: \\"b\\"\\n#c"'],
    ['{{ "2015-07" | human_date }}', 'July 2015'],
    ['{{ "2015" | human_date }}', '2015'],
    ['{{ "entity/company/BMW AG" | obsidian_tag }}', '#entity/company/BMW-AG'],
    ['{{ articles[0].tags | obsidian_tag }}', '#entity/company/BMW'],
    ['{{ "Site" | link: "https://example.org/a b" }}', '[Site](https://example.org/a%20b)'],
    ['{{ "Site" | link: "javascript:alert(1)" }}', 'javascript:alert(1)'],
    ['{{ articles[0].tags }}', 'entity/company/BMW'],
    ['{{ articles[0] }}', ''],
    ['{{ nothing_here }}|{{ briefing.introduction | default: "none" }}', '|none'],
    [
      '{% for f in claims[0].claim.fields %}{% if f.text %}{{ f.name }} {% endif %}{% endfor %}',
      'statement claimant attributedVia claimDate status confidence links ',
    ],
    [
      '{% for t in tags %}{{ t.name }}:{{ t.annotations.size }};{% endfor %}',
      'entity/company/Avtotor:1;entity/company/BMW:1;place/Kaliningrad:1;topic/aftersales:1;topic/localisation:1;',
    ],
  ])('%s', (source, expected) => {
    expect(text(source)).toBe(expected)
  })

  it('escapes hostile article text by default and in every filter', () => {
    const out = text(
      '# {{ briefing.title }}\n{% for a in articles %}{% for n in a.annotations %}{{ n.quote | quote }}\n{{ n.quote }}\n{% endfor %}{% endfor %}',
      hostile,
    )
    expect(out).not.toMatch(/<script|<!--|^---$/mu)
    expect(out).not.toContain(HOSTILE_TITLE)
    expect(out).not.toContain(HOSTILE_QUOTE)
    // Every line of the blockquote stays in it.
    const quoteLines = out
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith('>'))
    expect(quoteLines.length).toBeGreaterThan(1)
  })
})

describe('renderTemplate: errors carry line and column', () => {
  it.each([
    ['line 1\n{{ briefing.title | nosuchfilter }}', 2, /nosuchfilter/u],
    ['ok\nok\n{% if briefing.title %}\nunclosed', 3, /not closed|if/u],
    ['{% for a in articles %}\n  {% endif %}', 2, /./u],
    ['\n{% assign = 1 %}', 2, /./u],
  ] as const)('%j → line %s', (source, line, message) => {
    const error = failure(source)
    if (line !== null) expect(error.line).toBe(line)
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/line:\d+, col:\d+/u)
  })

  it('formats an error as file:line:column: message', () => {
    expect(formatTemplateError({ message: 'bad', line: 3, column: 7 }, 'b.liquid')).toBe(
      'b.liquid:3:7: bad',
    )
    expect(formatTemplateError({ message: 'bad', line: null, column: null })).toBe('bad')
  })
})

describe('renderTemplate: the sandbox', () => {
  it.each([
    '{{ constructor }}',
    '{{ briefing.constructor }}',
    '{{ briefing.constructor.name }}',
    '{{ briefing.__proto__ }}',
    '{{ articles.constructor }}',
    '{{ briefing.title.constructor }}',
    '{{ briefing.hasOwnProperty }}',
    '{{ briefing.toString }}',
    '{{ briefing.__proto__.constructor.constructor }}',
  ])('%s yields nothing', (source) => {
    expect(text(source)).toBe('')
  })

  it.each([
    '{% include "/etc/passwd" %}',
    '{% render "/etc/passwd" %}',
    '{% layout "../../package.json" %}',
    "{% include '../package.json' %}",
  ])('%s cannot read a file', (source) => {
    const error = failure(source)
    expect(error.message).toMatch(/not available/u)
    expect(error.line).toBe(1)
  })

  it('stops a huge loop with a clear message', () => {
    const error = failure('{% for i in (1..100000000) %}{{ i }}{% endfor %}', {
      ...DEFAULT_TEMPLATE_LIMITS,
      renderMs: 100,
    })
    expect(error.message).toMatch(/took longer than 0.1 s|very large range/u)
  })

  it('stops nested loops that would never finish', () => {
    const error = failure(
      '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}',
      { ...DEFAULT_TEMPLATE_LIMITS, renderMs: 100 },
    )
    expect(error.message).toMatch(/took longer/u)
  })

  it('stops a string that doubles every turn', () => {
    const error = failure(
      '{% assign s = "xxxxxxxxxx" %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}',
    )
    expect(error.message).toMatch(/too much in memory|took longer/u)
  })

  it('stops a list that doubles every turn', () => {
    const error = failure(
      '{% assign a = "1,2,3" | split: "," %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}{{ a.size }}',
    )
    expect(error.message).toMatch(/too much in memory|took longer/u)
  })

  it('refuses a template longer than the limit', () => {
    const error = failure('x'.repeat(50), { ...DEFAULT_TEMPLATE_LIMITS, maxSourceChars: 10 })
    expect(error.message).toMatch(/longer than 10 characters/u)
  })

  it('refuses output longer than the limit', () => {
    const error = failure('{% for i in (1..100) %}xxxxxxxxxx{% endfor %}', {
      ...DEFAULT_TEMPLATE_LIMITS,
      maxOutputChars: 100,
    })
    expect(error.message).toMatch(/more than 100 characters/u)
  })
})

describe('the built-in briefing template', () => {
  it.each([
    ['one-article.template.md', oneArticleInput],
    ['two-articles.template.md', twoArticlesInput],
    ['hostile-article.template.md', hostileInput],
  ] as const)('%s', async (name, input) => {
    const out = text(
      STARTER_TEMPLATE_SOURCE,
      buildBriefingModel({
        title: input.title,
        generatedAt: GENERATED_AT,
        articles: input.articles,
        resolveLink: knownLinkTarget,
        introduction: 'Read for the *Monday* desk.',
        author: { name: 'A. Analyst', organisation: 'Open Desk' },
      }),
    )
    expect(out).not.toMatch(/\n{3,}/u)
    await expectGolden(name, withChecksum(out))
  })

  it('keeps hostile text inside its quotes and cells', () => {
    const rendered = text(STARTER_TEMPLATE_SOURCE, hostile)
    // Front matter: YAML strings, so nothing in it can end it early.
    const [, frontMatter, out = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/u.exec(rendered) ?? []
    expect(
      frontMatter?.split('\n').every((l) => /^(?:[a-z-]+:(?: ".*")?| {2}- ".*")$/u.test(l)),
    ).toBe(true)
    expect(out).not.toMatch(/<script|<!--(?! \/?workbench:keep)/u)
    expect(out.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1)
    expect(out).not.toMatch(/^---$/mu)
  })
})
