/**
 * A writer that is killed on purpose by the crash test.
 *
 * It performs a stream of mixed mutations through the real store and
 * services, printing `begin <json>` before each and `ack <json>` once the
 * store has acknowledged it (the promise resolved, i.e. the user would see
 * "Saved"). The parent kills it with SIGKILL at a random moment and checks
 * that every acknowledged mutation survived.
 */
import { LibraryStore } from '../../src/main/store/library-store'
import { importFiles } from '../../src/main/services/articles'
import {
  createAnnotation,
  deleteAnnotation,
  updateAnnotation,
} from '../../src/main/services/annotations'
import { mergeTag, renameTag } from '../../src/main/services/tag-tree'
import { editArticleMeta } from '../../src/main/services/article-edits'
import { updateToVersion } from '../../src/main/services/article-versions'
import { versionOf } from '../../src/main/services/articles'
import { emptyTrash, restoreFromTrash, trashArticles } from '../../src/main/services/trash'
import { articleText } from '../../src/shared/domain/article'

const [dir, seedText] = process.argv.slice(2)
const seedArg = Number(seedText) || 1
let seed = Number(seedText) || 1
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const WORDS = [
  'ministry',
  'exports',
  'grain',
  'officials',
  'said',
  'port',
  'talks',
  'sanctions',
  'figures',
  'report',
]

/** Tags with no children, so a rename or merge never collides with a subtree. */
function leafTags(store: LibraryStore): string[] {
  const names = store.listTags().map((t) => t.name)
  return names.filter((n) => !names.some((m) => m.startsWith(`${n}/`)))
}

function say(kind: 'begin' | 'ack', data: unknown): void {
  process.stdout.write(`${kind} ${JSON.stringify(data)}\n`)
}

async function run(): Promise<void> {
  if (!dir) throw new Error('usage: crash-child <library> <seed>')
  const store = await LibraryStore.open({ dir, indexDelayMs: 5 })
  const now = () => new Date()
  say('ack', { op: 'ready' })
  for (let step = 0; ; step++) {
    const articles = store.listArticles()
    const roll = random()
    if (articles.length < 3 || roll < 0.1) {
      const title = `Report ${seed} ${step}`
      const body = Array.from(
        { length: 40 },
        () => WORDS[Math.floor(random() * WORDS.length)],
      ).join(' ')
      say('begin', { op: 'import', title })
      const report = await importFiles(
        [{ name: `${title}.txt`, data: new TextEncoder().encode(`${title}\n\n${body}.`) }],
        { store, now },
      )
      const outcome = report.outcomes[0]
      if (outcome?.status === 'imported') say('ack', { op: 'import', id: outcome.id, title })
      continue
    }
    const article = articles[Math.floor(random() * articles.length)]!
    // Lifecycle operations: trash, restore, a new version, a corrected title.
    const life = random()
    if (life < 0.03 && articles.length > 3) {
      say('begin', { op: 'trash', id: article.id })
      await trashArticles([article.id], { store, now })
      say('ack', { op: 'trash', id: article.id })
      continue
    }
    if (life < 0.05 && store.listTrash().length > 0) {
      const trashed = store.listTrash()[0]!
      say('begin', { op: 'untrash', id: trashed.id })
      await restoreFromTrash([trashed.id], { store, now })
      say('ack', { op: 'untrash', id: trashed.id })
      continue
    }
    if (life < 0.055 && store.listTrash().length > 0) {
      const trashed = store.listTrash().at(-1)!
      say('begin', { op: 'empty', id: trashed.id })
      await emptyTrash([trashed.id], { store, now })
      say('ack', { op: 'empty', id: trashed.id })
      continue
    }
    if (life < 0.08) {
      const blocks = await store.readBody(article)
      const changed = [
        ...blocks.slice(0, -1),
        { ...blocks.at(-1)!, text: `${blocks.at(-1)!.text} Updated at step ${step} ${seed}.` },
      ]
      const version = versionOf(
        { ...article.original, blocks: changed },
        `update-${step}.txt`,
        now(),
      )
      say('begin', { op: 'update', id: article.id })
      const report = await updateToVersion(article, version, changed, { store, now })
      say('ack', { op: 'update', id: article.id, versions: String(report.versionCount) })
      continue
    }
    if (life < 0.1) {
      const title = `Corrected ${seedArg}-${step}`
      say('begin', { op: 'retitle', id: article.id, title })
      await editArticleMeta({ id: article.id, patch: { title } }, { store, now })
      say('ack', { op: 'retitle', id: article.id, title })
      continue
    }
    const state = await store.readArticle(article.id)
    if (state.annotations.length === 0 || roll < 0.5) {
      const text = articleText(await store.readBody(article))
      const start = Math.floor(random() * (text.length - 20))
      const note = `note ${step}`
      say('begin', { op: 'create', articleId: article.id })
      const created = await createAnnotation(
        {
          articleId: article.id,
          start,
          end: start + 12,
          kind: random() < 0.3 ? 'claim' : 'highlight',
          // Shared tags make a rename or merge span many articles.
          tags:
            random() < 0.5
              ? [`topic/s${seedArg}-${step}`, `shared/k${Math.floor(random() * 4)}`]
              : [`topic/s${seedArg}-${step}`],
          note,
        },
        { store, now },
      )
      say('ack', {
        op: 'create',
        articleId: article.id,
        annotationId: created.id,
        note,
        tags: created.tags,
      })
    } else if (roll >= 0.85 && leafTags(store).length >= 2) {
      const leaves = leafTags(store)
      const from = leaves[Math.floor(random() * leaves.length)]!
      if (roll < 0.92) {
        const to = `renamed/r${seedArg}-${step}`
        say('begin', { op: 'rename', from, to })
        await renameTag(from, to, { store, now })
        say('ack', { op: 'rename', from, to })
      } else {
        const into = leaves.filter((t) => t !== from)[Math.floor(random() * (leaves.length - 1))]!
        say('begin', { op: 'merge', from, into })
        await mergeTag(from, into, { store, now })
        say('ack', { op: 'merge', from, into })
      }
    } else if (roll < 0.8) {
      const target = state.annotations[Math.floor(random() * state.annotations.length)]!
      const note = `edited ${step}`
      say('begin', { op: 'edit', articleId: article.id, annotationId: target.id, note })
      await updateAnnotation(article.id, target.id, { note }, { store, now })
      say('ack', { op: 'edit', articleId: article.id, annotationId: target.id, note })
    } else {
      const target = state.annotations[Math.floor(random() * state.annotations.length)]!
      say('begin', { op: 'delete', articleId: article.id, annotationId: target.id })
      await deleteAnnotation(article.id, target.id, { store, now })
      say('ack', { op: 'delete', articleId: article.id, annotationId: target.id })
    }
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`crash-child failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exit(3)
})
