/**
 * Saved news pages as browsers save them, for the import benchmark and the
 * end-to-end import test: navigation, a long story, related links, a footer.
 */

/** Saved page number `n`, its story `paragraphs` long. */
export function savedNewsPage(n: number, paragraphs = 120): string {
  const body = Array.from(
    { length: paragraphs },
    (_, p) =>
      `<p>Paragraph ${p} of story ${n}: the port authority said on Tuesday that ${p * 7 + n} containers were handled in the week, according to figures seen by the Gazette.</p>`,
  ).join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Port figures, part ${n} | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<link rel="canonical" href="https://gazette.example/news/port-figures-${n}">
<script>window.dataLayer = [];</script><style>body { font: 16px serif }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Port figures, part ${n}</h1><p class="byline">By Marta Lindqvist</p>${body}</article>
<aside><h2>Read more</h2><ul>${Array.from({ length: 20 }, (_, i) => `<li><a href="/s/${i}">Story ${i}</a></li>`).join('')}</ul></aside>
<footer>© Harbour Gazette</footer></body></html>`
}

/**
 * A page the two extractors read differently: Readability takes the story
 * alone, Defuddle the story with the "More news" box after it. A large
 * script makes Readability's few words a "check this import" case.
 */
export const SPLIT_PAGE = `<!doctype html><html><head><title>Harbour budget approved</title>
<script>${'var x = 1;\n'.repeat(3000)}</script></head><body>
<nav><a href="/">Home</a></nav>
<div class="content"><h1>Harbour budget approved</h1>
<div class="teaser"><p>The council approved the harbour budget on Monday.</p></div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div>
<div class="story"><p>After a long debate, councillors voted 12 to 3 for the plan, which sets aside money for dredging.</p><p>The mayor said the vote was a turning point.</p></div>
<div class="related"><h2>More news</h2><p>Other headline one.</p><p>Other headline two.</p></div>
</div><footer>Footer text</footer></body></html>`
