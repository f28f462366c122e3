/**
 * The one entry point for every IPC call.
 *
 * Why: Electron's `ipcMain.handle` and the tests both call `dispatch`, so
 * tests exercise exactly what the app does: sender check, channel
 * allow-list, schema validation, then a thin handler. Nothing thrown ever
 * crosses the boundary; expected failures become `Result` errors and bugs
 * become an `internal` error with details the user can copy.
 */
import { describeUnexpected } from '../store/fs-errors'
import { z } from 'zod'
import { isChannel, type Channel } from '../../shared/ipc/channels'
import {
  channelSchemas,
  type ChannelOutputs,
  type ChannelParsedInput,
} from '../../shared/ipc/contract'
import { err, ok, WorkbenchError, type Result } from '../../shared/ipc/result'

/** What main knows about the frame that sent a call. */
export interface SenderInfo {
  /** URL of the sending frame. */
  readonly url: string
  /** True when the sender is the window's top-level frame, not an iframe. */
  readonly isTopFrame: boolean
}

export type Handler<C extends Channel> = (
  input: ChannelParsedInput<C>,
) => Promise<ChannelOutputs[C]> | ChannelOutputs[C]

export type Handlers = { readonly [C in Channel]: Handler<C> }

export type Dispatch = (
  channel: string,
  input: unknown,
  sender: SenderInfo,
) => Promise<Result<unknown>>

export interface DispatchOptions {
  /** Origins whose top frame may call; the app's own scheme, plus the dev server in development. */
  readonly trustedOrigins: readonly string[]
  readonly log?: (message: string, error: unknown) => void
}

/** Whether a sender is the app's own top frame. */
export function isTrustedSender(sender: SenderInfo, trustedOrigins: readonly string[]): boolean {
  if (!sender.isTopFrame) return false
  let origin: string
  try {
    const url = new URL(sender.url)
    // Custom schemes report an opaque origin ("null"), so compare scheme and host instead.
    origin = `${url.protocol}//${url.host}`
  } catch {
    return false
  }
  return trustedOrigins.includes(origin)
}

/**
 * Build the dispatch function over a set of handlers.
 *
 * Handlers may throw `WorkbenchError` for expected failures; anything else
 * thrown is logged and reported as `internal`.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (channel, input, sender) => {
    if (!isTrustedSender(sender, options.trustedOrigins)) {
      return err('untrusted-sender', 'Refused a call from a frame that is not the workbench window')
    }
    if (!isChannel(channel)) return err('unknown-channel', `No such channel: ${String(channel)}`)
    const parsed = channelSchemas[channel].safeParse(input)
    if (!parsed.success) {
      return err('invalid-input', `Invalid input for ${channel}: ${describeIssues(parsed.error)}`)
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown
      return ok(await handler(parsed.data))
    } catch (error) {
      if (error instanceof WorkbenchError) return err(error.code, error.message, error.details)
      const described = describeUnexpected(error)
      if (described instanceof WorkbenchError) return err(described.code, described.message)
      options.log?.(`Handler for ${channel} failed`, error)
      return err(
        'internal',
        'Something went wrong. Your saved work is safe; copy the details into a bug report.',
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      )
    }
  }
}

/** A schema's complaints about an input, in one line (the first five). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ')
}
