/**
 * The bridge between the sandboxed renderer and main.
 *
 * Why so small: the renderer gets exactly one function per channel of the
 * contract and one subscription per event, each bound to its own channel
 * name. No raw `ipcRenderer`, no `process`, nothing else, so a compromised
 * page can only make the calls the app itself makes (and main checks
 * those again).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNELS, EVENTS, methodName, subscriptionName } from '../shared/ipc/channels'

const api: Record<string, unknown> = {}

for (const channel of CHANNELS) {
  api[methodName(channel)] = (input: unknown) => ipcRenderer.invoke(channel, input)
}

for (const event of EVENTS) {
  api[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, handler)
    return () => {
      ipcRenderer.removeListener(event, handler)
    }
  }
}

contextBridge.exposeInMainWorld('workbench', Object.freeze(api))
