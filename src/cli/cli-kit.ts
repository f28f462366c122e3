/**
 * What every `workbench` command shares: usage errors and argument parsing.
 *
 * Why a module of its own: commands live in several files (`workbench.ts`,
 * `claim-commands.ts`), and the exit code of a usage mistake (2) depends on
 * one error class that all of them must throw. Parsing also fixes one
 * surprise of `node:util`'s `parseArgs`: it refuses `--note '-1 is wrong'`
 * as "ambiguous" because the value looks like an option, so an analyst's
 * note or a statement starting with `-` or `---` could only be given as
 * `--note=-1 …`. Here an option declared to take a value always takes the
 * next argument, as in most command-line tools; both spellings work.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

/** A usage mistake: exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * Join `--name value` into `--name=value` for every option that takes a
 * value, so that a value starting with `-` is read as the value. Arguments
 * after `--` are left alone; a value-taking option with nothing after it is
 * left for `parseArgs` to report.
 */
export function joinOptionValues(args: readonly string[], options: Options): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '--') {
      out.push(...args.slice(i))
      break
    }
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null
    const takesValue =
      name !== null && Object.hasOwn(options, name) && options[name]?.type === 'string'
    if (takesValue && i + 1 < args.length) {
      out.push(`${arg}=${args[i + 1] ?? ''}`)
      i++
    } else out.push(arg)
  }
  return out
}

/** Parse a command's arguments strictly; a mistake is a `UsageError` in one line. */
export function parse<O extends Options>(
  args: readonly string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: joinOptionValues(args, options),
      options,
      allowPositionals,
      strict: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
}

/** The one positional argument a command takes, or a `UsageError` with `message`. */
export function single(positionals: readonly string[], message: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(message)
  return positionals[0]
}
