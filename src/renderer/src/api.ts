/**
 * The renderer's only door to main.
 *
 * Why: every call returns a `Result`; unwrapping it in one place means each
 * caller handles just the value, and every expected failure reaches the
 * user the same way, as a toast with the message main wrote for them.
 */
import { methodName, type Channel } from '../../shared/ipc/channels'
import type { ChannelInput, ChannelOutputs, ChannelResult } from '../../shared/ipc/contract'
import type { WorkbenchApi } from '../../shared/ipc/api'
import type { AppError } from '../../shared/ipc/result'
import { showToast } from './components/toast-store'
import { isWriteChannel, trackWrite } from './features/status/save-state'

/** The API the preload exposed, or an error when the page runs outside the app. */
export function workbenchApi(): WorkbenchApi {
  const api = window.workbench
  if (!api) throw new Error('window.workbench is missing: open this page inside Analyst Workbench')
  return api
}

/** Call a channel and return its raw `Result`. */
export async function invoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelResult<C>> {
  const api = workbenchApi()
  const method = api[methodName(channel)] as unknown as (
    input: ChannelInput<C>,
  ) => Promise<ChannelResult<C>>
  try {
    const call = method(input)
    return await (isWriteChannel(channel) ? trackWrite(call, (result) => result.ok) : call)
  } catch (error) {
    // Only a broken bridge throws; treat it like any other unexpected failure.
    const details = error instanceof Error ? (error.stack ?? error.message) : String(error)
    return {
      ok: false,
      error: { code: 'internal', message: 'The app could not reach its library.', details },
    }
  }
}

/** Show an error as a toast. Cancelling a dialog is not an error worth telling the user about. */
export function reportError(error: AppError): void {
  if (error.code === 'cancelled') return
  showToast('error', error.message, error.details)
}

/**
 * Call a channel and unwrap its value; failures become toasts and `null`.
 *
 * Use `invoke` instead when the caller reacts to a specific error code.
 */
export async function request<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutputs[C] | null> {
  const result = await invoke(channel, input)
  if (result.ok) return result.value as ChannelOutputs[C]
  reportError(result.error)
  return null
}
