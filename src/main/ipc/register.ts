/**
 * The only place that touches `ipcMain`.
 *
 * Why: every channel is registered from the contract's list, and every
 * call is handed to `dispatch` with what Electron knows about its sender,
 * so no handler can be reached without the sender and input checks.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../../shared/ipc/channels'
import type { Dispatch, SenderInfo } from './dispatch'

/** What Electron tells main about the frame behind an invoke. */
export function senderInfoOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  return {
    url: frame?.url ?? '',
    isTopFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
  }
}

/** Register one handler per channel of the contract. */
export function registerIpc(dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatch(channel, input, senderInfoOf(event)),
    )
  }
}
