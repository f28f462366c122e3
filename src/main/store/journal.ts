/**
 * The intent journal: a change that spans several files is written whole or rolled forward.
 *
 * Why: each file is written atomically, but a tag rename across three
 * hundred articles is three hundred and one files. Killed half way, the
 * codebook and the annotations disagreed (annotations left on a tag that is
 * no longer in the codebook, invisible and unrenamable). Before such a
 * change touches any file, the full new content of every file it will write
 * is saved in one journal file; the journal is removed once every file is
 * written. If the process dies in between, the next open writes every file
 * from the journal again (rolls forward), so the change is there entirely.
 * Writing a file's new content twice is harmless, which is what makes the
 * roll-forward safe to repeat if it is itself interrupted.
 */
import { readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { fsyncDirectory, writeFileDurable, type WriteIo, realIo } from './durable-file'
import { ANNOTATIONS_DIR, CODEBOOK_FILE, JOURNAL_FILE } from './files'

/** Paths a journal may name: the codebook and article files, nothing else. */
const JOURNAL_PATH = new RegExp(
  `^(?:${CODEBOOK_FILE.replace('.', '\\.')}|${ANNOTATIONS_DIR}/[\\w.-]+\\.json)$`,
)

const journalSchema = z.strictObject({
  schemaVersion: z.literal(1),
  createdAt: z.string(),
  /** What the change was, for the message after a roll-forward ('Rename tag "a" to "b"'). */
  label: z.string(),
  files: z.array(
    z.strictObject({
      path: z.string().regex(JOURNAL_PATH),
      content: z.string(),
    }),
  ),
})
export type Journal = z.infer<typeof journalSchema>

/** Record the full new content of every file a change will write, durably, before writing any. */
export async function writeJournal(
  dir: string,
  journal: Journal,
  io: WriteIo = realIo,
): Promise<void> {
  await writeFileDurable(join(dir, JOURNAL_FILE), JSON.stringify(journal), io)
}

/** The change is wholly on disk: forget it. */
export async function clearJournal(dir: string): Promise<void> {
  await rm(join(dir, JOURNAL_FILE), { force: true })
  await fsyncDirectory(dir)
}

/** What the next open found in the journal and did with it. */
export type RollForward =
  | { readonly kind: 'none' }
  | { readonly kind: 'rolled-forward'; readonly label: string; readonly files: readonly string[] }
  | { readonly kind: 'damaged'; readonly keptAs: string }

/**
 * Finish a change a killed process left half written.
 *
 * Called at open with the lock held, before anything is read. A journal that
 * cannot be read (it is written atomically, so this means damage from
 * outside) is moved aside and reported; the caller then re-derives what it
 * can from the files themselves.
 */
export async function rollForward(
  dir: string,
  now: Date,
  io: WriteIo = realIo,
): Promise<RollForward> {
  const path = join(dir, JOURNAL_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' }
    throw error
  }
  let journal: Journal
  try {
    journal = journalSchema.parse(JSON.parse(text))
  } catch {
    const keptAs = join(dir, `${JOURNAL_FILE}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`)
    await rename(path, keptAs)
    return { kind: 'damaged', keptAs }
  }
  for (const file of journal.files) await writeFileDurable(join(dir, file.path), file.content, io)
  await clearJournal(dir)
  return { kind: 'rolled-forward', label: journal.label, files: journal.files.map((f) => f.path) }
}
