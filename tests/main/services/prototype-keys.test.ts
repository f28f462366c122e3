/**
 * User text that happens to name a property of Object is ordinary text.
 *
 * A tag named `constructor` once sent its article to quarantine at the next
 * open (its count was kept in a plain object and became "function Object()
 * { [native code] }1"), and `__proto__` lost its count. These tests use every
 * name of `Object.prototype`, and `__proto__`, as tag, claimant, claim status,
 * source and note, through create, rename, merge, reopen, search, restore,
 * export and re-import, and find everything each time.
 */
import fc from 'fast-check'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCsv } from '../../support/csv-parse'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, type TestCore } from '../../support/core'
import { restoreSnapshot } from '../../../src/main/store/restore'
import type { SearchResults } from '../../../src/shared/search/types'

/** Every own property name of Object.prototype, `__proto__` included. */
const NAMES = Object.getOwnPropertyNames(Object.prototype)

const DAY = Date.parse('2026-12-07T09:00:00.000Z')

function articleFile(name: string, i: number) {
  return textFile(
    `article-${i}.md`,
    `---\ntitle: Report ${i} on ${name}\nsource: ${name}\n---\n\nOfficials discussed the ${name} question at length on Monday, said the ministry in statement ${i}.\n`,
  )
}

function articleIdsOf(results: SearchResults): string[] {
  return results.groups.map((g) => g.articleId)
}

describe('names of Object.prototype as user text', () => {
  let dir: string
  let clock: number
  const now = () => new Date((clock += 1000))

  beforeEach(async () => {
    dir = await makeTempDir()
    clock = DAY
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  /** One article per name, each with a claim carrying the name in every role. */
  async function build(core: TestCore): Promise<Map<string, { article: string; claim: string }>> {
    await core.value('settings:update', {
      patch: { claimStatuses: ['unverified', ...NAMES] },
    })
    const report = await core.value('import:files', { files: NAMES.map(articleFile) })
    const made = new Map<string, { article: string; claim: string }>()
    for (const [i, name] of NAMES.entries()) {
      const outcome = report.outcomes[i]
      if (outcome?.status !== 'imported')
        throw new Error(`not imported: ${JSON.stringify(outcome)}`)
      const claim = await core.value('annotation:create', {
        articleId: outcome.id,
        start: 0,
        end: 9,
        kind: 'claim',
        tags: [name, `topic/${name}`],
        note: `Note about ${name}`,
      })
      await core.value('claim:update', {
        articleId: outcome.id,
        annotationId: claim.id,
        patch: { claimant: name, status: name, attributedVia: name },
      })
      await core.value('article:update', { id: outcome.id, patch: { tags: [name] } })
      made.set(name, { article: outcome.id, claim: claim.id })
    }
    return made
  }

  async function expectEverythingFound(
    core: TestCore,
    made: Map<string, { article: string; claim: string }>,
    tagOf: (name: string) => string = (name) => name,
  ): Promise<void> {
    expect(core.store.quarantined).toBeNull()
    expect(core.store.listArticles()).toHaveLength(NAMES.length)
    const codebook = await core.value('codebook:list', {})
    for (const [name, { article, claim }] of made) {
      const opened = await core.value('article:get', { id: article })
      const annotation = opened.annotations.find((a) => a.id === claim)
      expect(annotation, name).toBeDefined()
      expect(annotation!.tags).toContain(tagOf(name))
      expect(annotation!.note).toBe(`Note about ${name}`)
      expect(annotation!.claim).toMatchObject({ claimant: name, status: name, attributedVia: name })
      expect(opened.article.source).toBe(name)
      const summary = core.store.getArticle(article)!
      expect(summary.annotationCount, name).toBe(1)
      expect(summary.tagCounts).toContainEqual([tagOf(name), 1])
      const tag = codebook.find((t) => t.name === tagOf(name))
      expect(tag, name).toMatchObject({ annotationCount: 1 })
    }
    await core.search.whenReady()
    for (const [name, { article }] of made) {
      for (const query of [
        `tag:"${tagOf(name)}"`,
        `claimant:"${name}"`,
        `status:"${name}"`,
        `source:"${name}"`,
        `"Note about ${name}"`,
      ]) {
        const found = await core.value('search:query', { query })
        expect(articleIdsOf(found), `${query}`).toContain(article)
      }
    }
  }

  it('finds everything after create, reopen, rename, merge, undo, restore, export and re-import', async () => {
    let core = await openTestCore(dir, now)
    const made = await build(core)
    await expectEverythingFound(core, made)
    await core.close()

    // Reopen the next morning: no quarantine, every count right, and a snapshot of it all.
    clock = DAY + 86_400_000
    core = await openTestCore(dir, now)
    await core.store.backupDone
    await expectEverythingFound(core, made)

    for (const name of NAMES) {
      await core.value('codebook:rename', { from: `topic/${name}`, to: `renamed/${name}` })
      await core.value('codebook:merge', { from: name, into: `renamed/${name}` })
    }
    await core.value('history:undo', {})
    await core.value('history:redo', {})
    await expectEverythingFound(core, made, (name) => `renamed/${name}`)
    for (const [name, { article }] of made) {
      const opened = await core.value('article:get', { id: article })
      expect(opened.annotations[0]!.tags, name).toEqual([`renamed/${name}`])
      expect(opened.article.tags, name).toEqual([`renamed/${name}`])
    }
    const codebook = await core.value('codebook:list', {})
    for (const name of NAMES)
      expect(
        codebook.some((t) => t.name === name),
        name,
      ).toBe(false)

    // Export: every name in every format, in its field.
    const ids = [...made.values()].map((m) => m.article)
    const md = (await core.value('export:preview', { articleIds: ids, format: 'md' })).text
    const csv = parseCsv(
      (await core.value('export:preview', { articleIds: ids, format: 'csv' })).text,
    )
    const w3c = (await core.value('export:preview', { articleIds: ids, format: 'w3c' })).text
    await core.value('settings:update', {
      patch: { profile: { publishBaseUrl: 'https://example.org/checks' } },
    })
    const reviews = JSON.parse(
      (await core.value('export:preview', { articleIds: ids, format: 'claimreview' })).text,
    ) as { reviewRating: { alternateName: string }; itemReviewed: { author?: { name: string } } }[]
    const header = csv[0]!
    for (const name of NAMES) {
      expect(md, name).toContain(`Note about ${name}`)
      const row = csv.find((r) => r[header.indexOf('note')] === `Note about ${name}`)
      expect(row, name).toBeDefined()
      expect(row![header.indexOf('claimant')]).toBe(name)
      expect(row![header.indexOf('status')]).toBe(name)
      expect(
        reviews.some((r) => r.reviewRating.alternateName === name),
        name,
      ).toBe(true)
    }
    await core.close()

    // Re-import into a colleague's library holding the same articles.
    const colleague = await makeTempDir()
    try {
      const other = await openTestCore(colleague, now)
      await other.value('settings:update', { patch: { claimStatuses: ['unverified', ...NAMES] } })
      await other.value('import:files', { files: NAMES.map(articleFile) })
      const imported = await other.value('annotation:importW3c', { data: w3c })
      // One passage per article, and each article's own tags as a page note.
      expect(imported).toMatchObject({ imported: NAMES.length * 2, refused: 0, invalid: 0 })
      await expectEverythingFound(other, made, (name) => `renamed/${name}`)
      await other.close()
    } finally {
      await removeDir(colleague)
    }

    // Restore this morning's snapshot: the names as they were before the renames.
    await restoreSnapshot(dir, new Date(DAY + 86_400_000).toISOString().slice(0, 10), now())
    core = await openTestCore(dir, now)
    await expectEverythingFound(core, made)
    await core.close()
    expect(JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')).articles).toHaveLength(
      NAMES.length,
    )
  }, 120_000)

  it('keeps any mix of them in any role across a reopen (property)', async () => {
    const name = fc.constantFrom(...NAMES)
    const role = fc.record({
      tag: fc.tuple(name, fc.constantFrom('', 'entity/', 'a/b/')).map(([n, p]) => `${p}${n}`),
      claimant: name,
      status: name,
      source: name,
      note: name,
    })
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(role, { minLength: 1, maxLength: 4 }), async (roles) => {
        const lib = join(dir, `run-${run++}`)
        let core = await openTestCore(lib, now)
        await core.value('settings:update', { patch: { claimStatuses: ['unverified', ...NAMES] } })
        const report = await core.value('import:files', {
          files: roles.map((r, i) => articleFile(r.source, i)),
        })
        const made: { id: string; claim: string; role: (typeof roles)[number] }[] = []
        for (const [i, r] of roles.entries()) {
          const outcome = report.outcomes[i]
          if (outcome?.status !== 'imported') throw new Error('not imported')
          const claim = await core.value('annotation:create', {
            articleId: outcome.id,
            start: 0,
            end: 9,
            kind: 'claim',
            tags: [r.tag],
            note: r.note,
          })
          await core.value('claim:update', {
            articleId: outcome.id,
            annotationId: claim.id,
            patch: { claimant: r.claimant, status: r.status },
          })
          made.push({ id: outcome.id, claim: claim.id, role: r })
        }
        await core.close()
        core = await openTestCore(lib, now)
        try {
          expect(core.store.quarantined).toBeNull()
          expect(core.store.listArticles()).toHaveLength(roles.length)
          const codebook = await core.value('codebook:list', {})
          await core.search.whenReady()
          for (const m of made) {
            const opened = await core.value('article:get', { id: m.id })
            expect(opened.annotations.map((a) => a.tags)).toEqual([[m.role.tag]])
            expect(opened.annotations[0]!.note).toBe(m.role.note)
            expect(opened.annotations[0]!.claim).toMatchObject({
              claimant: m.role.claimant,
              status: m.role.status,
            })
            const uses = made.filter((o) => o.role.tag === m.role.tag).length
            expect(codebook.find((t) => t.name === m.role.tag)?.annotationCount).toBe(uses)
            const found = await core.value('search:query', { query: `tag:"${m.role.tag}"` })
            expect(articleIdsOf(found)).toContain(m.id)
          }
        } finally {
          await core.close()
        }
      }),
      { numRuns: 6, seed: 20261207 },
    )
  }, 120_000)
})
