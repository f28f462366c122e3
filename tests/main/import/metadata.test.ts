import { describe, expect, it } from 'vitest'
import { parseArticleFile, parsePastedText, type ParseOutcome } from '../../../src/main/import'
import { cleanByline } from '../../../src/main/import/byline'
import { normalisePublishedDate } from '../../../src/main/import/published-date'
import { looksLikeSlug, withoutTitleAffixes } from '../../../src/main/import/title'
import { PUBLISHED_DATE } from '../../../src/shared/domain/article'

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

const STORY = [
  'Kaumātua and scientists gathered on the beach at dawn to record what the tides had brought in overnight, as they have done every month for the past three years.',
  'The tribes say the changes they see along the coast are the clearest sign yet that the ocean their ancestors fished is warming, and they want the government to listen.',
  'Marine scientists at the university said the records kept by the tribes matched their own measurements of water temperature and were more detailed in places.',
]

/** A saved news page: `head` inside <head>, `lead` before the story paragraphs. */
function page(head: string, lead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>${lead}${STORY.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
<footer><p>© 2019 Example Media Group. All rights reserved.</p></footer></body></html>`
}

function html(source: string) {
  return article(parseArticleFile('saved-page.html', new TextEncoder().encode(source)))
}

function ld(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`
}

describe('titles of saved pages', () => {
  it.each([
    {
      name: "the author's name after the headline, when the author is the byline",
      head: `<title>'What is the sea telling us?': Māori tribes track the changing ocean | Eleanor Ainge Roy | The Guardian</title>
        <meta property="og:title" content="'What is the sea telling us?': Māori tribes track the changing ocean | Eleanor Ainge Roy">
        <meta property="og:site_name" content="the Guardian">
        <meta name="author" content="Eleanor Ainge Roy">`,
      title: "'What is the sea telling us?': Māori tribes track the changing ocean",
    },
    {
      name: 'the site name after a dash (og:site_name)',
      head: `<title>Port Operator Denies Halt – Baltic Wire News</title>
        <meta property="og:site_name" content="Baltic Wire News">`,
      title: 'Port Operator Denies Halt',
    },
    {
      name: 'the site name after a bar, known only from the host',
      head: `<title>Port Operator Denies Halt | Baltic Wire</title>
        <link rel="canonical" href="https://www.balticwire.com/news/2024/03/port-halt">`,
      title: 'Port Operator Denies Halt',
    },
    {
      name: 'the publisher before a colon (JSON-LD publisher)',
      head: `<title>Harbour Times: Port Operator Denies Halt</title>
        ${ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', publisher: { '@type': 'Organization', name: 'Harbour Times' } })}`,
      title: 'Port Operator Denies Halt',
    },
    {
      name: 'a colon that belongs to the headline',
      head: `<title>Brexit: What Happens Next for the Ports | Harbour Times</title>
        <meta property="og:title" content="Brexit: What Happens Next for the Ports">
        <meta property="og:site_name" content="Harbour Times">`,
      title: 'Brexit: What Happens Next for the Ports',
    },
    {
      name: 'a site name that holds separators itself',
      head: `<title>Black Friday per nostalgici: le occasioni da non perdere - Remember 80/90 - Memorabilia anni 80/90</title>
        <meta property="og:site_name" content="Remember 80/90 - Memorabilia anni 80/90">`,
      title: 'Black Friday per nostalgici: le occasioni da non perdere',
    },
    {
      name: 'a URL slug as og:title, with a JSON-LD headline',
      head: `<title>d-161500790</title><meta property="og:title" content="d-161500790">
        ${ld({ '@context': 'http://schema.org', '@type': 'NewsArticle', headline: 'Tribes Track a Warming Ocean', datePublished: '2019-05-02T05:00:00+12:00' })}`,
      title: 'Tribes Track a Warming Ocean',
    },
    {
      name: 'a URL slug as the only title, with an h1 on the page',
      head: '<title>article-12345</title><meta property="og:title" content="article-12345">',
      lead: '<h1>Tribes Track a Warming Ocean</h1>',
      title: 'Tribes Track a Warming Ocean',
    },
  ])('cleans the title: $name', ({ head, lead, title }) => {
    const parsed = html(page(head, lead))
    expect(parsed.title).toBe(title)
    expect(parsed.titleDerived).toBe(false)
  })

  it('makes the title from the first sentence rather than use a slug', () => {
    const parsed = html(page('<title>d-161500790</title>'))
    expect(parsed.title).not.toContain('161500790')
    expect(parsed.titleDerived).toBe(true)
    expect(parsed.title.startsWith('Kaumātua and scientists gathered')).toBe(true)
  })
})

describe('bylines, dates and addresses of saved pages', () => {
  it.each([
    {
      name: 'JSON-LD NewsArticle in a Yoast @graph, author by @id',
      head: `<title>Tribes Track a Warming Ocean</title>
        ${ld({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', '@id': 'https://coastnews.example/#website', name: 'Coast News' },
            {
              '@type': 'NewsArticle',
              '@id': 'https://coastnews.example/2019/05/tribes-ocean/#article',
              headline: 'Tribes Track a Warming Ocean',
              author: { '@id': 'https://coastnews.example/#/schema/person/4f2' },
              datePublished: '2019-05-02T05:00:00+12:00',
              mainEntityOfPage: { '@id': 'https://coastnews.example/2019/05/tribes-ocean/' },
            },
            {
              '@type': 'Person',
              '@id': 'https://coastnews.example/#/schema/person/4f2',
              name: 'Eleanor Ainge Roy',
            },
          ],
        })}`,
      expected: {
        byline: 'Eleanor Ainge Roy',
        publishedAt: '2019-05-02',
        url: 'https://coastnews.example/2019/05/tribes-ocean/',
      },
    },
    {
      name: 'JSON-LD ReportageNewsArticle in an array, two authors',
      head: `<title>Famine Warnings Go Unheeded</title>
        ${ld([
          { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [] },
          {
            '@context': 'https://schema.org',
            '@type': 'ReportageNewsArticle',
            headline: 'Famine Warnings Go Unheeded',
            author: [
              { '@type': 'Person', name: 'Jeffrey Gettleman' },
              { '@type': 'Person', name: 'Somini Sengupta' },
            ],
            datePublished: '2017-01-13',
            url: 'https://news.example/2017/01/13/world/africa/famine.html',
          },
        ])}`,
      expected: {
        byline: 'Jeffrey Gettleman, Somini Sengupta',
        publishedAt: '2017-01-13',
        url: 'https://news.example/2017/01/13/world/africa/famine.html',
      },
    },
    {
      name: 'the byl and pubdate meta tags, in capitals',
      head: `<title>Famine Warnings Go Unheeded</title>
        <meta name="byl" content="By JEFFREY GETTLEMAN">
        <meta name="pubdate" content="20170113">
        <meta property="og:url" content="https://news.example/2017/01/13/world/africa/famine.html">`,
      expected: {
        byline: 'Jeffrey Gettleman',
        publishedAt: '2017-01-13',
        url: 'https://news.example/2017/01/13/world/africa/famine.html',
      },
    },
    {
      name: 'parsely-author and a date meta tag',
      head: `<title>Tribes Track a Warming Ocean</title>
        <meta name="parsely-author" content="Eleanor Ainge Roy">
        <meta name="date" content="Thu, 02 May 2019 05:00:00 GMT">`,
      expected: { byline: 'Eleanor Ainge Roy', publishedAt: '2019-05-02' },
    },
    {
      name: 'a relative canonical link against og:url; a canonical front page loses',
      head: `<title>Tribes Track a Warming Ocean</title>
        <link rel="canonical" href="/">
        <meta property="og:url" content="https://coastnews.example/2019/05/tribes-ocean">`,
      expected: { url: 'https://coastnews.example/2019/05/tribes-ocean' },
    },
    {
      name: 'a byline that is the publisher',
      head: `<title>Tribes Track a Warming Ocean</title>
        <meta property="og:site_name" content="Coast News">
        <meta name="author" content="Coast News">`,
      expected: { byline: null, source: 'Coast News' },
    },
    {
      name: 'a JSON-LD author that is the publishing organisation, then a person in meta',
      head: `<title>Tribes Track a Warming Ocean</title>
        <meta name="author" content="Eleanor Ainge Roy">
        ${ld({ '@context': 'https://schema.org', '@type': 'Article', author: { '@type': 'Organization', name: 'Coast News' }, publisher: { '@type': 'Organization', name: 'Coast News' } })}`,
      expected: { byline: 'Eleanor Ainge Roy', source: 'Coast News' },
    },
  ])('reads $name', ({ head, expected }) => {
    expect(html(page(head))).toMatchObject(expected)
  })

  it('cleans a noisy byline element in the page and keeps its date', () => {
    const parsed = html(
      page(
        '<title>Tribes Track a Warming Ocean</title>',
        '<h1>Tribes Track a Warming Ocean</h1><div class="byline"><a rel="author" href="/author/cory">/ Cory Doctorow /</a> 10:08 am Fri Jul 19, 2013</div>',
      ),
    )
    expect(parsed.byline).toBe('Cory Doctorow')
    expect(parsed.publishedAt).toBe('2013-07-19')
  })

  it('takes the byline and date from a newspaper byline line, and drops the line', () => {
    const parsed = html(
      page(
        '<title>Famine Warnings Go Unheeded</title><meta name="author" content="By JEFFREY GETTLEMAN JAN. 13, 2017">',
        '<h1>Famine Warnings Go Unheeded</h1><p>By JEFFREY GETTLEMAN JAN. 13, 2017</p>',
      ),
    )
    expect(parsed).toMatchObject({ byline: 'Jeffrey Gettleman', publishedAt: '2017-01-13' })
    expect(parsed.blocks.map((block) => block.text)).not.toContain(
      'By JEFFREY GETTLEMAN JAN. 13, 2017',
    )
  })
})

describe('plain-text copies of pages', () => {
  const NYT_COPY = `Advertisement
Sign In
Famine Warnings Go Unheeded in South Sudan
Supported by
By JEFFREY GETTLEMAN JAN. 13, 2017
Photo
1 of 12
NAIROBI, Kenya — The warning signs of famine have been flashing for months across the region, aid officials said on Friday, and they say the world is not paying attention.
Advertisement
The fighting continued into the week, officials said in a statement issued late on Thursday evening from the capital.`

  it('takes the byline and date from "By NAME DATE" and never makes labels headings', () => {
    const parsed = article(parsePastedText(NYT_COPY))
    expect(parsed).toMatchObject({
      title: 'Famine Warnings Go Unheeded in South Sudan',
      titleDerived: false,
      byline: 'Jeffrey Gettleman',
      publishedAt: '2017-01-13',
    })
    const texts = parsed.blocks.map((block) => block.text)
    expect(texts).not.toContain('By JEFFREY GETTLEMAN JAN. 13, 2017')
    expect(parsed.blocks.filter((block) => block.type === 'heading')).toEqual([])
  })

  it.each([
    { line: 'By Eleanor Ainge Roy', byline: 'Eleanor Ainge Roy', publishedAt: null },
    {
      line: 'Eleanor Ainge Roy, 19 July 2013',
      byline: 'Eleanor Ainge Roy',
      publishedAt: '2013-07-19',
    },
    { line: 'Cory Doctorow | Jul 19, 2013', byline: 'Cory Doctorow', publishedAt: '2013-07-19' },
    { line: 'Updated 10:08 am Fri Jul 19, 2013', byline: null, publishedAt: '2013-07-19' },
  ])('reads "$line" below the headline as metadata', ({ line, byline, publishedAt }) => {
    const parsed = article(
      parsePastedText(`Tribes Track a Warming Ocean\n\n${line}\n\n${STORY.join('\n\n')}`),
    )
    expect(parsed).toMatchObject({ title: 'Tribes Track a Warming Ocean', byline, publishedAt })
    expect(parsed.blocks.map((block) => block.text)).not.toContain(line)
    expect(parsed.blocks).toHaveLength(STORY.length)
  })

  it.each([
    'By 2030 the port will handle twice as many containers as it does today, the ministry said.',
    'By the end of the year the port will close',
  ])('keeps a sentence starting with "By" as text: %s', (line) => {
    const parsed = article(
      parsePastedText(`Tribes Track a Warming Ocean\n\n${line}\n\n${STORY.join('\n\n')}`),
    )
    expect(parsed.byline).toBeNull()
    expect(parsed.blocks.map((block) => block.text)).toContain(line)
  })

  it.each(['Advertisement', 'Sign In', '1 of 12', 'Photo 3 of 12', 'By JEFFREY GETTLEMAN'])(
    'never makes "%s" a heading further down the text',
    (label) => {
      const text = `Tribes Track a Warming Ocean\n\n${STORY[0]}\n\n${STORY[1]}\n\n${label}\n\n${STORY[2]}`
      const parsed = article(parsePastedText(text))
      expect(parsed.blocks.filter((block) => block.type === 'heading')).toEqual([])
    },
  )
})

describe('byline cleanup', () => {
  it.each([
    {
      raw: '/ Cory Doctorow / 10:08 am Fri Jul 19, 2013',
      byline: 'Cory Doctorow',
      date: '2013-07-19',
    },
    { raw: 'By JEFFREY GETTLEMAN JAN. 13, 2017', byline: 'Jeffrey Gettleman', date: '2017-01-13' },
    { raw: 'By Anna Belova and Oleg Smirnov', byline: 'Anna Belova and Oleg Smirnov', date: null },
    {
      raw: 'Matt Monroe | Sunday Times',
      byline: 'Matt Monroe',
      date: null,
      publisher: 'The Sunday Times',
    },
    { raw: 'BBC News', byline: null, date: null, publisher: 'BBC News' },
    { raw: 'https://www.facebook.com/coastnews', byline: null, date: null },
  ])('"$raw" → $byline', ({ raw, byline, date, publisher }) => {
    expect(cleanByline(raw, { publisherNames: [publisher ?? null] })).toEqual({ byline, date })
  })
})

describe('publication dates', () => {
  it.each([
    ['2024-03-05T10:00:00Z', '2024-03-05'],
    ['2019-05-02T05:00:00+12:00', '2019-05-02'],
    ['2024-03', '2024-03'],
    ['Thu, 02 May 2019 05:00:00 GMT', '2019-05-02'],
    ['JAN. 13, 2017', '2017-01-13'],
    ['10:08 am Fri Jul 19, 2013', '2013-07-19'],
    ['19.07.2013', '2013-07-19'],
    ['20170113', '2017-01-13'],
    ['07/19/2013', '2013-07-19'],
    ['2013-02-30', null],
    ['yesterday', null],
  ])('%s → %s', (raw, expected) => {
    const date = normalisePublishedDate(raw)
    expect(date).toBe(expected)
    if (date !== null) expect(date).toMatch(PUBLISHED_DATE)
  })
})

describe('slugs and title affixes', () => {
  it.each([
    ['d-161500790', true],
    ['article-12345', true],
    ['port-operator-denies-halt', true],
    ['https://coastnews.example/2019/05/tribes-ocean', true],
    ['COVID-19', false],
    ['Brexit', false],
    ['Port Operator Denies Halt', false],
  ])('%s is a slug: %s', (title, slug) => {
    expect(looksLikeSlug(title)).toBe(slug)
  })

  it('cuts both an author and a site name, and never the whole title', () => {
    expect(
      withoutTitleAffixes('Story of the Port | Anna Belova | Baltic Wire', [
        'Baltic Wire',
        'Anna Belova',
      ]),
    ).toBe('Story of the Port')
    expect(withoutTitleAffixes('Baltic Wire', ['Baltic Wire'])).toBe('Baltic Wire')
  })
})
