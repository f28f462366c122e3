/**
 * Crash safety: kill a writer with SIGKILL at random moments, many times,
 * and check that the library opens cleanly and holds every mutation that
 * was acknowledged before the kill.
 *
 * WORKBENCH_CRASH_KILLS sets the number of kills (default 200); set it high
 * for a soak run.
 */
import { spawn } from 'node:child_process'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../../src/main/store/library-store'
import { tagKey } from '../../../src/shared/domain/tag'
import { bundleForNode } from '../../support/bundle'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const KILLS = Number(process.env.WORKBENCH_CRASH_KILLS ?? 200)

interface Expected {
  notes: Map<string, { articleId: string; note: string; tags: string[] }>
  deleted: Set<string>
  articles: Set<string>
  /** Article id -> whether it is in the trash, as last acknowledged. */
  trashed: Map<string, boolean>
  /** Article id -> versions kept, as last acknowledged. */
  versions: Map<string, number>
  /** Article id -> corrected title, as last acknowledged. */
  titles: Map<string, string>
  /** Articles removed for good (the trash emptied): they must never come back. */
  removed: Set<string>
}

type Line = { kind: 'begin' | 'ack'; data: Record<string, string> & { tags?: string[] } }

/** A tag list after renaming or merging `from` (and its children) into `to`. */
function retag(tags: readonly string[], from: string, to: string): string[] {
  const out = tags.map((t) =>
    t === from ? to : t.startsWith(`${from}/`) ? `${to}${t.slice(from.length)}` : t,
  )
  return [...new Set(out)].sort()
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())
}

function bundleChild(): Promise<string> {
  return bundleForNode('tests/support/crash-child.ts', 'workbench-crash-child', 'crash-child')
}

/** Run the child until `delayMs` after it is ready, then SIGKILL it; return what it printed. */
function runAndKill(child: string, dir: string, seed: number, delayMs: number): Promise<Line[]> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [child, dir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const lines: Line[] = []
    let stderr = ''
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const space = line.indexOf(' ')
      const kind = line.slice(0, space) as Line['kind']
      const data = JSON.parse(line.slice(space + 1)) as Record<string, string>
      lines.push({ kind, data })
      if (kind === 'ack' && data.op === 'ready') setTimeout(() => proc.kill('SIGKILL'), delayMs)
    })
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(lines)
      else reject(new Error(`child exited with ${code}: ${stderr}`))
    })
  })
}

/** Fold one run's acknowledged mutations into the expected state; return the one in flight. */
function fold(expected: Expected, lines: Line[]): Line['data'] | null {
  let inFlight: Line['data'] | null = null
  for (const { kind, data } of lines) {
    if (data.op === 'ready') continue
    if (kind === 'begin') {
      inFlight = data
      continue
    }
    inFlight = null
    if (data.op === 'import') expected.articles.add(data.id!)
    if (data.op === 'trash') expected.trashed.set(data.id!, true)
    if (data.op === 'untrash') expected.trashed.set(data.id!, false)
    if (data.op === 'update') expected.versions.set(data.id!, Number(data.versions))
    if (data.op === 'retitle') expected.titles.set(data.id!, data.title!)
    if (data.op === 'empty') forgetArticle(expected, data.id!)
    if (data.op === 'create') {
      expected.notes.set(data.annotationId!, {
        articleId: data.articleId!,
        note: data.note!,
        tags: [...(data.tags ?? [])].sort(),
      })
    }
    if (data.op === 'edit') {
      const known = expected.notes.get(data.annotationId!)
      expected.notes.set(data.annotationId!, {
        articleId: data.articleId!,
        note: data.note!,
        tags: known?.tags ?? [],
      })
    }
    if (data.op === 'rename' || data.op === 'merge') {
      const to = data.op === 'rename' ? data.to! : data.into!
      for (const value of expected.notes.values()) value.tags = retag(value.tags, data.from!, to)
    }
    if (data.op === 'delete') {
      expected.notes.delete(data.annotationId!)
      expected.deleted.add(data.annotationId!)
    }
  }
  return inFlight
}

/** An article removed for good: nothing more is expected of it, except that it stays gone. */
function forgetArticle(expected: Expected, id: string): void {
  expected.removed.add(id)
  expected.articles.delete(id)
  expected.trashed.delete(id)
  expected.versions.delete(id)
  expected.titles.delete(id)
  for (const [annotationId, want] of expected.notes) {
    if (want.articleId === id) {
      expected.notes.delete(annotationId)
      expected.deleted.add(annotationId)
    }
  }
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if (name === 'backups' || name === 'quarantine' || name.endsWith('.lock')) continue
    if ((await stat(path)).isDirectory()) out.push(...(await jsonFiles(path)))
    else out.push(path)
  }
  return out
}

describe('crash safety', () => {
  let work: string
  let child: string
  beforeAll(async () => {
    work = await makeTempDir('workbench-crash-')
    // Inside the project, so the bundle resolves the same node_modules as the app.
    child = await bundleChild()
  }, 60_000)
  afterAll(async () => {
    await removeDir(work)
  })

  it(`loses no acknowledged mutation over ${KILLS} SIGKILLs`, async () => {
    const dir = join(work, 'library')
    const expected: Expected = {
      notes: new Map(),
      deleted: new Set(),
      articles: new Set(),
      trashed: new Map(),
      versions: new Map(),
      titles: new Map(),
      removed: new Set(),
    }
    let acknowledged = 0
    const ops: Record<string, number> = {}
    let checked = 0
    let lost = 0
    const losses: unknown[] = []
    let corrupted = 0
    let quarantined = 0
    let leftoverTemps = 0
    /** Tags on annotations or articles that the codebook does not know: invisible and unrenamable. */
    let orphanTags = 0
    /** Tag operations that a kill left applied to some annotations and not to others. */
    let halfDone = 0
    let rolledForward = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const lines = await runAndKill(child, dir, kill + 1, 5 + ((kill * 37) % 120))
      for (const l of lines) {
        if (l.kind !== 'ack' || l.data.op === 'ready') continue
        acknowledged++
        ops[l.data.op!] = (ops[l.data.op!] ?? 0) + 1
      }
      const inFlight = fold(expected, lines)

      for (const file of await jsonFiles(dir)) {
        if (file.endsWith('.tmp')) {
          leftoverTemps++
          continue
        }
        try {
          JSON.parse(await readFile(file, 'utf8'))
        } catch {
          corrupted++
        }
      }
      const store = await LibraryStore.open({ dir })
      expect(store.readOnly).toBeNull()
      if (store.quarantined) quarantined += store.quarantined.count
      if (store.notices.some((n) => n.includes('was interrupted'))) rolledForward++
      // Removed for good stays removed; an emptying in flight may have landed.
      if (inFlight?.op === 'empty' && !store.getArticle(inFlight.id!)) {
        forgetArticle(expected, inFlight.id!)
      }
      for (const id of expected.removed) {
        checked++
        if (store.getArticle(id)) {
          lost++
          if (losses.length < 5) losses.push({ id, op: 'empty', detail: 'came back' })
        }
      }
      const known = new Set(store.listTags().map((t) => tagKey(t.name)))
      for (const article of store.listAllArticles()) {
        const state = await store.readArticle(article.id)
        const used = [...state.tags, ...state.annotations.flatMap((a) => a.tags)]
        orphanTags += used.filter((t) => !known.has(tagKey(t))).length
      }
      let tagOpApplied = 0
      let tagOpNotApplied = 0
      for (const id of expected.articles) {
        checked++
        const entry = store.getArticle(id)
        if (!entry) lost++
        else await store.readBody(entry)
      }
      // Trash marks, versions and corrected titles: what was acknowledged, or (for the
      // operation in flight) either the state before it or after it.
      const lifecycle = (id: string, op: string, ok: boolean, detail: unknown): void => {
        checked++
        if (ok) return
        if (inFlight?.op === op && inFlight.id === id) return
        lost++
        if (losses.length < 5) losses.push({ id, op, detail, inFlight })
      }
      for (const [id, trashed] of expected.trashed) {
        const entry = store.getArticle(id)
        lifecycle(
          id,
          trashed ? 'untrash' : 'trash',
          (entry?.trashedAt !== null) === trashed,
          entry?.trashedAt,
        )
      }
      for (const [id, versions] of expected.versions) {
        const entry = store.getArticle(id)
        lifecycle(id, 'update', entry?.versionCount === versions, entry?.versionCount)
        if (entry) {
          // Every version's text is there, and the current one reads.
          for (const hash of entry.versionHashes) await store.readVersionBody(entry, hash)
        }
      }
      for (const [id, title] of expected.titles) {
        const entry = store.getArticle(id)
        lifecycle(id, 'retitle', entry?.title === title, entry?.title)
      }
      // An update or trash in flight may have landed: adopt what is on disk.
      if (inFlight?.op === 'update') {
        const count = store.getArticle(inFlight.id!)?.versionCount
        if (count !== undefined) expected.versions.set(inFlight.id!, count)
      }
      if (inFlight?.op === 'trash' || inFlight?.op === 'untrash') {
        const entry = store.getArticle(inFlight.id!)
        if (entry) expected.trashed.set(inFlight.id!, entry.trashedAt !== null)
      }
      if (inFlight?.op === 'retitle') {
        const entry = store.getArticle(inFlight.id!)
        if (entry) expected.titles.set(inFlight.id!, entry.title)
      }
      const byArticle = new Map<string, Map<string, { note: string; tags: string[] }>>()
      for (const [annotationId, want] of expected.notes) {
        checked++
        const { articleId } = want
        if (!byArticle.has(articleId)) {
          const state = await store.readArticle(articleId)
          byArticle.set(
            articleId,
            new Map(
              state.annotations.map((a) => [a.id, { note: a.note, tags: [...a.tags].sort() }]),
            ),
          )
        }
        const actual = byArticle.get(articleId)!.get(annotationId)
        const inFlightHere = inFlight?.annotationId === annotationId
        if (actual && actual.note === want.note && sameTags(actual.tags, want.tags)) continue
        if (inFlightHere && inFlight?.op === 'delete' && actual === undefined) {
          expected.notes.delete(annotationId)
          continue
        }
        if (
          inFlightHere &&
          inFlight?.op === 'edit' &&
          actual !== undefined &&
          actual.note === inFlight.note &&
          sameTags(actual.tags, want.tags)
        ) {
          want.note = actual.note
          continue
        }
        if (
          (inFlight?.op === 'rename' || inFlight?.op === 'merge') &&
          actual &&
          actual.note === want.note
        ) {
          const to = inFlight.op === 'rename' ? inFlight.to! : inFlight.into!
          // A tag operation spans several files: it is applied to all of them or to none.
          if (sameTags(actual.tags, retag(want.tags, inFlight.from!, to))) {
            if (!sameTags(actual.tags, want.tags)) tagOpApplied++
            want.tags = actual.tags
            continue
          }
        }
        lost++
        if (losses.length < 5) losses.push({ annotationId, want, actual, inFlight })
      }
      if (inFlight?.op === 'rename' || inFlight?.op === 'merge') {
        // Annotations that carried the tag but do not show the operation.
        for (const want of expected.notes.values()) {
          if (want.tags.some((t) => t === inFlight.from || t.startsWith(`${inFlight.from}/`)))
            tagOpNotApplied++
        }
        if (tagOpApplied > 0 && tagOpNotApplied > 0) halfDone++
      }
      // An unacknowledged create may have landed: adopt it so later checks stay exact.
      for (const article of store.listAllArticles()) {
        for (const a of (await store.readArticle(article.id)).annotations) {
          if (!expected.notes.has(a.id) && !expected.deleted.has(a.id)) {
            expected.notes.set(a.id, {
              articleId: article.id,
              note: a.note,
              tags: [...a.tags].sort(),
            })
          }
        }
      }
      await store.close()
    }
    if (losses.length > 0) console.log(`crash safety losses: ${JSON.stringify(losses, null, 1)}`)
    const summary = {
      kills: KILLS,
      acknowledged,
      checked,
      lost,
      corrupted,
      quarantined,
      leftoverTemps,
      orphanTags,
      halfDone,
      rolledForward,
      ops,
    }
    console.log(`crash safety: ${JSON.stringify(summary)}`)
    expect(acknowledged).toBeGreaterThan(KILLS)
    expect(lost).toBe(0)
    expect(corrupted).toBe(0)
    expect(quarantined).toBe(0)
    expect(orphanTags).toBe(0)
    expect(halfDone).toBe(0)
  }, 600_000)
})
