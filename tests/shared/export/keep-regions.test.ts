import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  KEEP_CLOSE_MARKER,
  ORPHAN_HEADING,
  keepOpenMarker,
  mergeKeepRegions,
  parseKeepRegions,
  verifyChecksum,
  withChecksum,
  type KeepRegion,
} from '../../../src/shared/export/keep-regions'
import {
  ANALYST_NOTES_REGION_ID,
  exportMarkdownBriefing,
} from '../../../src/shared/export/markdown'
import { fnv1a64 } from '../../../src/shared/export/fnv1a'
import { hostileInput, oneArticleInput, twoArticlesInput } from './briefing-fixtures'

const textLines = (text: string): string =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join('\n')

const regionsOf = (text: string): KeepRegion[] =>
  parseKeepRegions(text).flatMap((s) => (s.type === 'region' ? [s.region] : []))

/** A generated document with the given keep regions, each `[id, body]`, between headings. */
function documentWith(
  regions: readonly (readonly [string | null, string])[],
  intro = 'Generated intro.',
): string {
  const parts = ['# Briefing', intro]
  regions.forEach(([id, body], i) => {
    parts.push(
      `## Section ${i + 1}`,
      [keepOpenMarker(id), ...(body ? [body] : []), KEEP_CLOSE_MARKER].join('\n'),
    )
  })
  return withChecksum(parts.join('\n\n'))
}

/** Write `body` into the region with `id` of an exported document, as a user would. */
function writeInRegion(doc: string, id: string | null, body: string): string {
  const open = keepOpenMarker(id)
  return doc.replace(`${open}\n${KEEP_CLOSE_MARKER}`, `${open}\n${body}\n${KEEP_CLOSE_MARKER}`)
}

describe('parseKeepRegions', () => {
  it.each([
    ['no regions', 'a\nb', []],
    [
      'one empty region',
      'a\n<!-- workbench:keep -->\n<!-- /workbench:keep -->',
      [{ id: null, body: '', closed: true }],
    ],
    [
      'region with id and body',
      '<!-- workbench:keep id=notes -->\nmine\n\nmore\n<!-- /workbench:keep -->\nafter',
      [{ id: 'notes', body: 'mine\n\nmore', closed: true }],
    ],
    [
      'several regions',
      '<!-- workbench:keep id=a -->\n1\n<!-- /workbench:keep -->\nx\n<!-- workbench:keep -->\n2\n<!-- /workbench:keep -->',
      [
        { id: 'a', body: '1', closed: true },
        { id: null, body: '2', closed: true },
      ],
    ],
    [
      'nested open marker is body text',
      '<!-- workbench:keep -->\n<!-- workbench:keep id=b -->\n<!-- /workbench:keep -->',
      [{ id: null, body: '<!-- workbench:keep id=b -->', closed: true }],
    ],
    ['stray close marker is text', 'a\n<!-- /workbench:keep -->\nb', []],
    [
      'unclosed region runs to the end',
      '<!-- workbench:keep id=x -->\nuser text\n\n',
      [{ id: 'x', body: 'user text', closed: false }],
    ],
    ['indented marker is not a marker', '  <!-- workbench:keep -->\n<!-- /workbench:keep -->', []],
    ['escaped marker is not a marker', '&lt;!-- workbench:keep -->\nx', []],
    [
      'trailing spaces and CRLF tolerated',
      '<!-- workbench:keep -->  \r\nmine\r\n<!-- /workbench:keep -->\r\n',
      [{ id: null, body: 'mine', closed: true }],
    ],
  ] as const)('%s', (_name, text, expected) => {
    expect(regionsOf(text)).toEqual(expected)
  })

  it('rejects ids that would not parse back', () => {
    expect(() => keepOpenMarker('has space')).toThrow(/keep region id/u)
    expect(keepOpenMarker('notes_1-a')).toBe('<!-- workbench:keep id=notes_1-a -->')
  })
})

describe('withChecksum and verifyChecksum', () => {
  const doc = documentWith([['notes', '']])

  it('appends one checksum line that verifies', () => {
    expect(doc.trimEnd().split('\n').at(-1)).toMatch(
      /^<!-- workbench:checksum fnv1a64:[0-9a-f]{16} -->$/u,
    )
    expect(verifyChecksum(doc)).toBe('valid')
  })

  it('is idempotent', () => {
    expect(withChecksum(doc)).toBe(doc)
  })

  it.each([
    [
      'edit inside a keep region',
      (d: string) => writeInRegion(d, 'notes', 'my own notes'),
      'valid',
    ],
    ['CRLF line endings', (d: string) => d.replace(/\n/gu, '\r\n'), 'valid'],
    ['byte order mark', (d: string) => `\uFEFF${d}`, 'valid'],
    [
      'blank lines added',
      (d: string) => d.replace('Generated intro.', '\nGenerated intro.\n'),
      'valid',
    ],
    [
      'trailing spaces',
      (d: string) => d.replace('Generated intro.', 'Generated intro.  '),
      'valid',
    ],
    [
      'region added by the user',
      (d: string) =>
        d.replace(
          'Generated intro.\n',
          `Generated intro.\n\n${keepOpenMarker()}\nmine\n${KEEP_CLOSE_MARKER}\n`,
        ),
      'valid',
    ],
    [
      'region added around generated text',
      (d: string) =>
        d.replace(
          'Generated intro.',
          `${keepOpenMarker()}\nGenerated intro.\n${KEEP_CLOSE_MARKER}`,
        ),
      'mismatch',
    ],
    [
      'region added but never closed',
      (d: string) =>
        d.replace('Generated intro.\n', `Generated intro.\n\n${keepOpenMarker()}\nmine\n`),
      'mismatch',
    ],
    ['trailing newlines trimmed', (d: string) => d.trimEnd(), 'valid'],
    [
      'edit outside regions',
      (d: string) => d.replace('Generated intro.', 'Edited intro.'),
      'mismatch',
    ],
    ['marker deleted', (d: string) => d.replace(`${KEEP_CLOSE_MARKER}\n`, ''), 'mismatch'],
    ['line appended after the checksum', (d: string) => `${d}extra\n`, 'missing'],
    ['checksum removed', (d: string) => d.replace(/<!-- workbench:checksum[^\n]*/u, ''), 'missing'],
  ] as const)('%s → %s', (_name, edit, expected) => {
    expect(verifyChecksum(edit(doc))).toBe(expected)
  })

  it('detects any single-character edit outside regions', () => {
    const body = doc.slice(0, doc.indexOf('<!-- workbench:keep'))
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: body.length - 1 }),
        fc.constantFrom('x', '', 'ab'),
        (at, insert) => {
          const edited = doc.slice(0, at) + insert + doc.slice(at + 1)
          // Blank lines are not text: adding or removing one is not an edit.
          fc.pre(textLines(edited) !== textLines(doc))
          expect(verifyChecksum(edited)).toBe('mismatch')
        },
      ),
    )
  })
})

describe('mergeKeepRegions', () => {
  it('preserves the analyst notes region of a real export on re-export', () => {
    const existing = writeInRegion(
      exportMarkdownBriefing(oneArticleInput),
      ANALYST_NOTES_REGION_ID,
      'Baryshev denies; RIA says otherwise.\n\n- [ ] call the plant',
    )
    const fresh = exportMarkdownBriefing(twoArticlesInput)
    const result = mergeKeepRegions(existing, fresh)

    expect(result).toMatchObject({ keptRegions: 1, outsideEdits: false })
    expect(result.text).toBe(
      withChecksum(
        writeInRegion(
          fresh,
          ANALYST_NOTES_REGION_ID,
          'Baryshev denies; RIA says otherwise.\n\n- [ ] call the plant',
        ),
      ),
    )
    expect(verifyChecksum(result.text)).toBe('valid')
  })

  it('gives the fresh document back unchanged when nothing was kept', () => {
    const fresh = exportMarkdownBriefing(hostileInput)
    const result = mergeKeepRegions(exportMarkdownBriefing(oneArticleInput), fresh)
    expect(result).toEqual({ text: fresh, keptRegions: 0, outsideEdits: false })
  })

  it('matches many regions by id even when the fresh document reorders them', () => {
    const existing = documentWith([
      ['summary', 'my summary'],
      ['risks', 'my risks\nline two'],
      ['sources', ''],
    ])
    const fresh = documentWith(
      [
        ['risks', ''],
        ['sources', ''],
        ['summary', ''],
      ],
      'New intro.',
    )
    const result = mergeKeepRegions(existing, fresh)
    expect(regionsOf(result.text)).toEqual([
      { id: 'risks', body: 'my risks\nline two', closed: true },
      { id: 'sources', body: '', closed: true },
      { id: 'summary', body: 'my summary', closed: true },
    ])
    expect(result.text).toContain('New intro.')
    expect(result).toMatchObject({ keptRegions: 2, outsideEdits: false })
  })

  it('matches anonymous regions by order', () => {
    const existing = documentWith([
      [null, 'first'],
      ['named', 'named text'],
      [null, 'second'],
    ])
    const fresh = documentWith([
      [null, ''],
      [null, ''],
      ['named', ''],
    ])
    expect(regionsOf(mergeKeepRegions(existing, fresh).text)).toEqual([
      { id: null, body: 'first', closed: true },
      { id: null, body: 'second', closed: true },
      { id: 'named', body: 'named text', closed: true },
    ])
  })

  it('appends regions the fresh document lacks under a heading, so nothing is lost', () => {
    const existing = documentWith([
      ['kept', 'still here'],
      ['gone', 'orphaned text'],
      [null, 'anonymous orphan'],
      ['empty-gone', ''],
    ])
    const fresh = documentWith([['kept', '']])
    const result = mergeKeepRegions(existing, fresh)

    expect(result.keptRegions).toBe(3)
    const tail = result.text.slice(result.text.indexOf(ORPHAN_HEADING))
    expect(tail).toBe(
      [
        ORPHAN_HEADING,
        '',
        '<!-- workbench:keep id=gone -->',
        'orphaned text',
        KEEP_CLOSE_MARKER,
        '',
        '<!-- workbench:keep -->',
        'anonymous orphan',
        KEEP_CLOSE_MARKER,
        '',
        result.text.trimEnd().split('\n').at(-1),
        '',
      ].join('\n'),
    )
    expect(verifyChecksum(result.text)).toBe('valid')
    // Empty regions are not worth a heading of their own.
    expect(result.text).not.toContain('empty-gone')
  })

  it('is stable: merging its own output again loses and duplicates nothing', () => {
    const existing = documentWith([
      ['kept', 'still here'],
      ['gone', 'orphaned text'],
    ])
    const fresh = documentWith([['kept', '']])
    const once = mergeKeepRegions(existing, fresh)
    const twice = mergeKeepRegions(once.text, fresh)
    expect(twice).toEqual({ text: once.text, keptRegions: 2, outsideEdits: false })
    expect(twice.text.split(ORPHAN_HEADING)).toHaveLength(2)
  })

  it('reports edits outside keep regions but not inside them', () => {
    const exported = exportMarkdownBriefing(oneArticleInput)
    const fresh = exportMarkdownBriefing(oneArticleInput)
    const insideOnly = writeInRegion(exported, ANALYST_NOTES_REGION_ID, 'inside')
    const outside = insideOnly.replace('The company line.', 'The company line, says me.')

    expect(mergeKeepRegions(insideOnly, fresh)).toMatchObject({
      outsideEdits: false,
      keptRegions: 1,
    })
    const result = mergeKeepRegions(outside, fresh)
    expect(result).toMatchObject({ outsideEdits: true, keptRegions: 1 })
    // The fresh text replaces the edited generated part; the region survives.
    expect(result.text).not.toContain('says me')
    expect(regionsOf(result.text)).toEqual([
      { id: ANALYST_NOTES_REGION_ID, body: 'inside', closed: true },
    ])
  })

  it('treats a file without a checksum as edited', () => {
    const fresh = exportMarkdownBriefing(oneArticleInput)
    const handWritten = `# My notes\n\n${keepOpenMarker(ANALYST_NOTES_REGION_ID)}\nhand written\n${KEEP_CLOSE_MARKER}\n`
    const result = mergeKeepRegions(handWritten, fresh)
    expect(result).toMatchObject({ outsideEdits: true, keptRegions: 1 })
    expect(regionsOf(result.text)[0]?.body).toBe('hand written')
  })

  it('keeps the text of a region whose closing marker the user deleted', () => {
    const exported = exportMarkdownBriefing(oneArticleInput)
    const open = keepOpenMarker(ANALYST_NOTES_REGION_ID)
    const broken = exported.replace(`${open}\n${KEEP_CLOSE_MARKER}`, `${open}\nunclosed notes`)
    const result = mergeKeepRegions(broken, exportMarkdownBriefing(oneArticleInput))
    expect(result.outsideEdits).toBe(true)
    // Everything after the open marker was the region, so the old generated
    // text is kept too: better kept twice than lost.
    const body = regionsOf(result.text)[0]?.body ?? ''
    expect(body.startsWith('unclosed notes\n')).toBe(true)
    expect(body).not.toContain('workbench:checksum')
  })
})

/** Put a user region after the `occurrence`-th line matching `line` (-1: before the first line). */
function addRegion(
  doc: string,
  line: string | RegExp | null,
  body: string,
  occurrence = 0,
): string {
  const lines = doc.split('\n')
  const matches = lines.flatMap((l, i) =>
    (typeof line === 'string' ? l === line : line !== null && line.test(l)) ? [i] : [],
  )
  const region = [keepOpenMarker(), body, KEEP_CLOSE_MARKER]
  if (line === null) {
    lines.splice(0, 0, ...region, '')
  } else {
    const at = matches[occurrence]
    if (at === undefined) throw new Error(`no line ${String(line)} #${occurrence}`)
    lines.splice(at + 1, 0, '', ...region)
  }
  return lines.join('\n')
}

describe('verifyChecksum: what an editor changes is not an edit', () => {
  const doc = exportMarkdownBriefing(twoArticlesInput)

  it.each([
    ['byte order mark', (d: string) => `\uFEFF${d}`, 'valid'],
    ['CRLF line endings', (d: string) => d.replace(/\n/gu, '\r\n'), 'valid'],
    ['byte order mark and CRLF', (d: string) => `\uFEFF${d.replace(/\n/gu, '\r\n')}`, 'valid'],
    [
      'front matter re-quoted with single quotes',
      (d: string) => d.replace('title: "Briefing: 2 articles"', "title: 'Briefing: 2 articles'"),
      'valid',
    ],
    [
      'front matter unquoted where equivalent',
      (d: string) =>
        d
          .replace('["socialbites.ca", ', '[socialbites.ca, ')
          .replace('kind: "query"', 'kind: query'),
      'valid',
    ],
    [
      // The exporter writes lists in flow style; Obsidian rewrites them in block style.
      'front matter keys reordered, block style',
      (d: string) =>
        d
          .replace('sources: ["socialbites.ca", "ria.example"]\n', '')
          .replace(
            'title: "Briefing',
            'sources:\n  - "socialbites.ca"\n  - ria.example\ntitle: "Briefing',
          ),
      'valid',
    ],
    [
      'front matter value changed',
      (d: string) => d.replace('title: "Briefing: 2 articles"', "title: 'Briefing: 3 articles'"),
      'mismatch',
    ],
    [
      'front matter unquoted to a number',
      (d: string) => d.replace('query: "BMW Russia"', 'query: 2024'),
      'mismatch',
    ],
    [
      'a generated line edited, with a BOM and CRLF',
      (d: string) =>
        `\uFEFF${d.replace('Check against', 'I checked against').replace(/\n/gu, '\r\n')}`,
      'mismatch',
    ],
    ['a generated line deleted', (d: string) => d.replace('#topic/sanctions\n', ''), 'mismatch'],
  ] as const)('%s → %s', (_name, edit, expected) => {
    expect(verifyChecksum(edit(doc))).toBe(expected)
  })

  it('still accepts the checksum an earlier version wrote (marker lines and blank lines counted)', () => {
    const body = doc.slice(0, doc.indexOf('<!-- workbench:checksum'))
    const legacy = `${body}<!-- workbench:checksum fnv1a64:${fnv1a64(body.trimEnd())} -->\n`
    expect(legacy).not.toBe(doc)
    expect(verifyChecksum(legacy)).toBe('valid')
    expect(verifyChecksum(legacy.replace('Check against', 'Checked'))).toBe('mismatch')
  })
})

describe('mergeKeepRegions: regions the user added', () => {
  const LATER = '2025-06-30T08:00:00.000Z'
  const exported = exportMarkdownBriefing(twoArticlesInput)
  const fresh = exportMarkdownBriefing({ ...twoArticlesInput, generatedAt: LATER })
  const afterNotes = new RegExp(`^${KEEP_CLOSE_MARKER}$`, 'u')

  it.each([
    ['at the very top, before the front matter', (d: string) => addRegion(d, null, 'Top note')],
    ['after the title', (d: string) => addRegion(d, '# Briefing: 2 articles', 'Under the title')],
    [
      'in the middle, after an article heading',
      (d: string) => addRegion(d, '## BMW suspends deliveries to Russia', 'RIA is second-hand.'),
    ],
    ['after the analyst notes region', (d: string) => addRegion(d, afterNotes, 'After notes')],
    ['at the end', (d: string) => addRegion(d, '#topic/sanctions', 'Closing thoughts\n\n- one')],
    [
      'two regions after repeated identical lines, each at its own occurrence',
      (d: string) =>
        addRegion(
          addRegion(d, '### Annotations', 'second article', 1),
          '### Annotations',
          'first article',
          0,
        ),
    ],
    [
      'two regions one after another',
      (d: string) => addRegion(addRegion(d, '### Claims', 'B', 0), '### Claims', 'A', 0),
    ],
    [
      'after a line the fresh export changed: before the line that followed it',
      (d: string) => addRegion(d, /^Generated /u, 'About the scope'),
    ],
  ] as const)('%s: kept in place, not an edit', (_name, add) => {
    const existing = add(exported)
    expect(verifyChecksum(existing)).toBe('valid')
    const result = mergeKeepRegions(existing, fresh)
    expect(result.outsideEdits).toBe(false)
    expect(result.text).toBe(withChecksum(add(fresh)))
    expect(result.text).not.toContain(ORPHAN_HEADING)
    expect(result.text).toContain(LATER)
    expect(verifyChecksum(result.text)).toBe('valid')
    // A second re-export changes nothing.
    expect(mergeKeepRegions(result.text, fresh).text).toBe(result.text)
  })

  it('follows its article when the articles are reordered', () => {
    const existing = addRegion(exported, '### Claims', 'about the RIA claims', 1)
    const reordered = exportMarkdownBriefing({
      ...twoArticlesInput,
      articles: [...twoArticlesInput.articles].reverse(),
    })
    const result = mergeKeepRegions(existing, reordered)
    expect(result.text).toBe(
      withChecksum(addRegion(reordered, '### Claims', 'about the RIA claims', 0)),
    )
  })

  it('counts added regions as kept, with the notes region', () => {
    const existing = addRegion(
      writeInRegion(exported, ANALYST_NOTES_REGION_ID, 'notes'),
      '## BMW suspends deliveries to Russia',
      'mine',
    )
    expect(mergeKeepRegions(existing, fresh)).toMatchObject({ keptRegions: 2, outsideEdits: false })
  })

  it('goes to the orphan section when its place is gone from the fresh export', () => {
    const existing = addRegion(exported, '## BMW suspends deliveries to Russia', 'RIA note')
    const result = mergeKeepRegions(existing, exportMarkdownBriefing(oneArticleInput))
    expect(result).toMatchObject({ keptRegions: 1, outsideEdits: false })
    expect(result.text).toContain(
      `${ORPHAN_HEADING}\n\n${keepOpenMarker()}\nRIA note\n${KEEP_CLOSE_MARKER}\n`,
    )
    const again = mergeKeepRegions(result.text, exportMarkdownBriefing(oneArticleInput))
    expect(again.text).toBe(result.text)
  })

  it('drops an added region that is empty and has no place', () => {
    const existing = addRegion(exported, '## BMW suspends deliveries to Russia', '')
    const result = mergeKeepRegions(existing, exportMarkdownBriefing(oneArticleInput))
    expect(result).toEqual({
      text: exportMarkdownBriefing(oneArticleInput),
      keptRegions: 0,
      outsideEdits: false,
    })
  })

  it('still reports a real edit outside the regions, and keeps the added region in place', () => {
    const existing = addRegion(exported, '### Annotations', 'mine').replace(
      'Check against',
      'I checked against',
    )
    const result = mergeKeepRegions(existing, fresh)
    expect(result.outsideEdits).toBe(true)
    expect(result.text).toBe(withChecksum(addRegion(fresh, '### Annotations', 'mine')))
  })

  it('keeps the byte order mark and CRLF line endings of the existing file', () => {
    const existing = `\uFEFF${addRegion(exported, '### Claims', 'mine').replace(/\n/gu, '\r\n')}`
    const result = mergeKeepRegions(existing, fresh)
    expect(result.outsideEdits).toBe(false)
    expect(result.text).toBe(
      `\uFEFF${withChecksum(addRegion(fresh, '### Claims', 'mine')).replace(/\n/gu, '\r\n')}`,
    )
  })
})
