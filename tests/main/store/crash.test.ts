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
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../../src/main/store/library-store'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const KILLS = Number(process.env.WORKBENCH_CRASH_KILLS ?? 200)
const ROOT = resolve(__dirname, '../../..')

interface Expected {
  notes: Map<string, { articleId: string; note: string }>
  deleted: Set<string>
  articles: Set<string>
}

type Line = { kind: 'begin' | 'ack'; data: Record<string, string> }

async function bundleChild(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      ssr: join(ROOT, 'tests/support/crash-child.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'crash-child.mjs' } },
    },
  })
  return join(outDir, 'crash-child.mjs')
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
    if (data.op === 'create' || data.op === 'edit') {
      expected.notes.set(data.annotationId!, { articleId: data.articleId!, note: data.note! })
    }
    if (data.op === 'delete') {
      expected.notes.delete(data.annotationId!)
      expected.deleted.add(data.annotationId!)
    }
  }
  return inFlight
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
    child = await bundleChild(join(ROOT, 'node_modules/.cache/workbench-crash-child'))
  }, 60_000)
  afterAll(async () => {
    await removeDir(work)
  })

  it(`loses no acknowledged mutation over ${KILLS} SIGKILLs`, async () => {
    const dir = join(work, 'library')
    const expected: Expected = { notes: new Map(), deleted: new Set(), articles: new Set() }
    let acknowledged = 0
    let checked = 0
    let lost = 0
    let corrupted = 0
    let quarantined = 0
    let leftoverTemps = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const lines = await runAndKill(child, dir, kill + 1, 5 + ((kill * 37) % 120))
      acknowledged += lines.filter((l) => l.kind === 'ack' && l.data.op !== 'ready').length
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
      for (const id of expected.articles) {
        checked++
        const entry = store.getArticle(id)
        if (!entry) lost++
        else await store.readBody(entry)
      }
      const byArticle = new Map<string, Map<string, string>>()
      for (const [annotationId, { articleId, note }] of expected.notes) {
        checked++
        if (!byArticle.has(articleId)) {
          const state = await store.readArticle(articleId)
          byArticle.set(articleId, new Map(state.annotations.map((a) => [a.id, a.note])))
        }
        const actual = byArticle.get(articleId)!.get(annotationId)
        const inFlightHere = inFlight?.annotationId === annotationId
        if (actual === note) continue
        if (inFlightHere && inFlight?.op === 'delete' && actual === undefined) {
          expected.notes.delete(annotationId)
          continue
        }
        if (
          inFlightHere &&
          inFlight?.op === 'edit' &&
          actual !== undefined &&
          actual === inFlight.note
        ) {
          expected.notes.set(annotationId, { articleId, note: actual })
          continue
        }
        lost++
      }
      // An unacknowledged create may have landed: adopt it so later checks stay exact.
      for (const [articleId, notes] of byArticle) {
        for (const [annotationId, note] of notes) {
          if (!expected.notes.has(annotationId) && !expected.deleted.has(annotationId)) {
            expected.notes.set(annotationId, { articleId, note })
          }
        }
      }
      await store.close()
    }
    const summary = {
      kills: KILLS,
      acknowledged,
      checked,
      lost,
      corrupted,
      quarantined,
      leftoverTemps,
    }
    console.log(`crash safety: ${JSON.stringify(summary)}`)
    expect(acknowledged).toBeGreaterThan(KILLS)
    expect(lost).toBe(0)
    expect(corrupted).toBe(0)
    expect(quarantined).toBe(0)
  }, 600_000)
})
