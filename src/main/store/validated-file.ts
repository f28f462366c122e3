/**
 * Opening one of the library's JSON files: version check, migration, record validation, quarantine.
 *
 * Why one function for the index, the codebook and every article file:
 * opening a file always goes through the same steps (refuse a newer
 * version, migrate an older one keeping the original, validate record by
 * record and set aside what fails), and the messages for a damaged file
 * must be worded the same whichever file it is.
 */
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { CorruptFileError, readJsonFile, writeFileDurable, type WriteIo } from './durable-file'
import {
  CURRENT_VERSION,
  QUARANTINE_DIR,
  recordSchemas,
  shapes,
  upgradeFile,
  type FileKind,
} from './files'
import { describeFsError } from './fs-errors'
import { snapshotsOf } from './snapshots'

/** What a file's opening needs from the library that opens it. */
export interface FileReadContext {
  readonly dir: string
  /** Whether a migration's `.bak` and quarantined records may be written now. */
  readonly writable: () => boolean
  readonly now: () => Date
  readonly io: WriteIo
  /** Told once per record set aside. */
  readonly onQuarantined: () => void
}

/**
 * A file as opened: missing, unreadable (with the message, and whether it is
 * from a newer version), or its data with `changed` set when it must be
 * rewritten (it was migrated or records were quarantined).
 */
export type LoadedFile =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly newer: boolean }
  | { readonly kind: 'ok'; readonly data: Record<string, unknown>; readonly changed: boolean }

/**
 * Read one file through version check, migration and record validation.
 *
 * `fields` names the arrays whose records are validated one by one; a record
 * that fails goes to quarantine/ with the reason (when writable) and the rest
 * is kept. The caller rewrites the file only when `changed` and writable.
 */
export async function loadLibraryFile(
  ctx: FileReadContext,
  kind: Exclude<FileKind, 'body'>,
  path: string,
  fields: Record<string, string>,
): Promise<LoadedFile> {
  const damaged = (reason: string) => ({ kind: 'unreadable' as const, reason, newer: false })
  let raw: unknown
  try {
    raw = await readJsonFile(path)
  } catch (error) {
    if (error instanceof CorruptFileError) {
      return damaged(
        `${path} is damaged (${error.message.replace(`${path} is `, '')}).${await backupAdvice(ctx.dir, kind, path)}`,
      )
    }
    const described = describeFsError(error, 'read', path)
    return damaged(described instanceof Error ? described.message : String(described))
  }
  if (raw === null) return { kind: 'missing' }
  const upgraded = upgradeFile(kind, raw)
  if (upgraded.kind === 'newer') {
    return {
      kind: 'unreadable',
      newer: true,
      reason: `${path} was written by a newer version of Analyst Workbench (schema ${upgraded.version}; this version reads up to ${CURRENT_VERSION[kind]}). Update the app to open this library; nothing was changed.`,
    }
  }
  if (upgraded.kind === 'invalid') {
    return damaged(
      `${path} does not look like a workbench file: ${upgraded.reason}.${await backupAdvice(ctx.dir, kind, path)}`,
    )
  }
  const shape = shapes[kind].safeParse(upgraded.data)
  if (!shape.success) {
    return damaged(
      `${path} has an unexpected shape (${shape.error.issues
        .map((i) => `${i.path.join('.') || 'top level'}: ${i.message}`)
        .join('; ')}).${await backupAdvice(ctx.dir, kind, path)}`,
    )
  }
  let changed = upgraded.kind === 'migrated'
  if (upgraded.kind === 'migrated' && ctx.writable()) {
    await copyFile(path, `${path}.v${upgraded.from}.bak`)
  }
  const data: Record<string, unknown> = { ...upgraded.data }
  for (const field of Object.values(fields)) {
    const records = data[field] as unknown[]
    const good: unknown[] = []
    for (const [i, record] of records.entries()) {
      const parsed = recordSchemas[kind].safeParse(record)
      if (parsed.success) {
        good.push(parsed.data)
      } else {
        const reason = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`)
          .join('; ')
        if (ctx.writable()) await quarantine(ctx, path, field, i, record, reason)
        ctx.onQuarantined()
        changed = true
      }
    }
    data[field] = good
  }
  return { kind: 'ok', data, changed }
}

/** What to do about a damaged file, by kind: the index rebuilds itself; the others have backups. */
export async function backupAdvice(
  dir: string,
  kind: Exclude<FileKind, 'body'>,
  path: string,
): Promise<string> {
  if (kind === 'index') return ''
  const relative = path.slice(dir.length).replace(/^[\\/]+/, '')
  const [backup] = await snapshotsOf(dir, relative)
  const action =
    kind === 'article'
      ? 'The article is shown as damaged and read-only; its annotations cannot be changed until the file is repaired or restored from a backup.'
      : 'It was left untouched and the library is read-only.'
  return ` ${action} ${backup ? `Newest backup: ${backup}.` : 'No backup of it exists yet.'}`
}

/** Set a record that failed validation aside in quarantine/, with the reason. */
async function quarantine(
  ctx: FileReadContext,
  file: string,
  field: string,
  position: number,
  record: unknown,
  reason: string,
): Promise<void> {
  const dir = join(ctx.dir, QUARANTINE_DIR)
  await mkdir(dir, { recursive: true })
  const stamp = ctx.now().toISOString().replace(/[:.]/g, '-')
  const base = file.split(/[\\/]/).pop() ?? 'file'
  const name = `${stamp}-${base}-${field}-${position}.json`
  const content = {
    quarantinedAt: ctx.now().toISOString(),
    file,
    field,
    position,
    reason,
    record,
  }
  await writeFileDurable(join(dir, name), JSON.stringify(content, null, 2), ctx.io)
}
