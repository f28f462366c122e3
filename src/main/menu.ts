/**
 * The application menu.
 *
 * Why here: menu items only announce a command to the renderer, which
 * owns the state (which article is open, what is selected) needed to act.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../shared/ipc/contract'

/** Build the menu template; `send` forwards a command to the window. */
export function menuTemplate(
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform,
  isDev: boolean,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => send('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
      ],
    },
    { role: 'editMenu', label: '&Edit' },
    {
      label: '&View',
      submenu: [
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About Analyst Workbench', click: () => send('about') }],
    },
  ]
}
