/**
 * What the analyst is told when the file system refuses.
 *
 * Why one module: a raw `EACCES: permission denied, open '/…/.library.json.123.tmp'`
 * tells an analyst neither what failed nor what to do. Every error code the
 * library, import and export paths can meet maps here to one sentence with
 * the path and the remedy; docs/storage.md lists the same wording.
 */
import { WorkbenchError } from '../../shared/ipc/result'

/** What was being attempted, for the first half of the message. */
export type FsAction = 'save' | 'open' | 'export' | 'read' | 'backup' | 'other'

const DOING: Readonly<Record<FsAction, string>> = {
  save: 'Could not save',
  open: 'Could not open the library',
  export: 'Could not export',
  read: 'Could not read',
  backup: 'Could not take a backup',
  other: 'Could not finish',
}

/** The error codes with wording of their own. */
export const DESCRIBED_CODES = [
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'EEXIST',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EBUSY',
  'EMFILE',
  'ENFILE',
  'EIO',
  'ENAMETOOLONG',
] as const

/**
 * Turn a file-system error into a `WorkbenchError` with a message the analyst can act on.
 *
 * `path` is the file or folder the action is about, shown in the message.
 * Errors that are not file-system errors are returned unchanged.
 */
export function describeFsError(error: unknown, action: FsAction, path: string): unknown {
  if (error instanceof WorkbenchError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code !== 'string') return error
  const doing = DOING[action]
  const what = fsRemedy(code, path, action)
  return what === null ? error : new WorkbenchError('io-error', `${doing}: ${what}`)
}

/**
 * The last line of defence: a file-system error nobody described on the way
 * up gets the same wording, with the path the error names.
 */
export function describeUnexpected(error: unknown): unknown {
  const path = (error as NodeJS.ErrnoException | null)?.path
  return describeFsError(error, 'other', typeof path === 'string' ? path : 'a file of the library')
}

function fsRemedy(code: string, path: string, action: FsAction): string | null {
  switch (code) {
    case 'ENOSPC':
      return `the disk holding ${path} is full. Free some space and try again; nothing already saved was changed.`
    case 'EDQUOT':
      return `your disk quota for ${path} is used up. Free some space or ask for a larger quota; nothing already saved was changed.`
    case 'EACCES':
    case 'EPERM':
      return `${path} cannot be ${action === 'read' || action === 'open' ? 'read' : 'written'} (${code}: permission denied). Check the permissions of the file and its folder, or choose another location.`
    case 'EROFS':
      return `${path} is on a read-only disk (EROFS). Choose a location on a writable disk, or remount this one read-write.`
    case 'EEXIST':
      return `${path} already exists (EEXIST) and was left untouched. Choose another name, or confirm that it may be replaced.`
    case 'ENOENT':
      return `${path} does not exist (ENOENT). Check the path; the folder may have been moved or an external disk removed.`
    case 'ENOTDIR':
      return `part of ${path} is a file, not a folder (ENOTDIR). Check the path.`
    case 'EISDIR':
      return `${path} is a folder, not a file (EISDIR). Choose a file name.`
    case 'EBUSY':
      return `${path} is in use by another program (EBUSY). Close it there and try again.`
    case 'EMFILE':
    case 'ENFILE':
      return `too many files are open (${code}) while working on ${path}. Close other programs and try again.`
    case 'EIO':
      return `the disk reported an input/output error (EIO) on ${path}. The disk may be failing or was disconnected: copy your library folder elsewhere before continuing.`
    case 'ENAMETOOLONG':
      return `the path ${path} is too long for this file system (ENAMETOOLONG). Choose a shorter name or folder.`
    default:
      return null
  }
}
