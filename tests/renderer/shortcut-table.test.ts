import { describe, expect, it } from 'vitest'
import {
  resolveShortcut,
  SHORTCUT_HELP,
  type KeyPress,
  type ShortcutContext,
} from '../../src/renderer/src/features/keyboard/shortcut-table'

const idle: ShortcutContext = { typing: false, modalOpen: false }

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    repeat: false,
    ...mods,
  }
}

describe('resolveShortcut', () => {
  it('maps the letter keys, either case', () => {
    expect(resolveShortcut(press('h'), idle)).toEqual({ type: 'highlight' })
    expect(resolveShortcut(press('H', { shiftKey: true }), idle)).toEqual({ type: 'highlight' })
    expect(resolveShortcut(press('c'), idle)).toEqual({ type: 'claim' })
    expect(resolveShortcut(press('j'), idle)).toEqual({ type: 'next' })
    expect(resolveShortcut(press('k'), idle)).toEqual({ type: 'previous' })
    expect(resolveShortcut(press('e'), idle)).toEqual({ type: 'editDetails' })
    expect(resolveShortcut(press('Escape'), idle)).toEqual({ type: 'escape' })
    expect(resolveShortcut(press('Escape'), { typing: true, modalOpen: false })).toBeNull()
    expect(resolveShortcut(press('?', { shiftKey: true }), idle)).toEqual({ type: 'help' })
  })

  it('lists the keys of the article lifecycle: edit details, trash from the list, leave a version', () => {
    const rows = SHORTCUT_HELP.map((s) => `${s.keys.join(' ')} ${s.description}`)
    expect(rows).toContain(
      'E Edit the article’s details (title, source, byline, published, URL, language)',
    )
    expect(rows).toContain('Delete In the library list: move the article to the trash')
    expect(rows).toContain('Esc In the details editor: cancel')
  })

  it('maps 1-9 to slots and ignores 0', () => {
    for (let slot = 1; slot <= 9; slot += 1)
      expect(resolveShortcut(press(String(slot)), idle)).toEqual({ type: 'slot', slot })
    expect(resolveShortcut(press('0'), idle)).toBeNull()
  })

  it('maps undo and redo, with Ctrl or Cmd', () => {
    expect(resolveShortcut(press('z', { ctrlKey: true }), idle)).toEqual({ type: 'undo' })
    expect(resolveShortcut(press('z', { metaKey: true }), idle)).toEqual({ type: 'undo' })
    expect(resolveShortcut(press('Z', { ctrlKey: true, shiftKey: true }), idle)).toEqual({
      type: 'redo',
    })
    expect(resolveShortcut(press('y', { ctrlKey: true }), idle)).toEqual({ type: 'redo' })
    // Holding Ctrl+Z repeats the undo; holding H does not make more highlights.
    expect(resolveShortcut(press('z', { ctrlKey: true, repeat: true }), idle)).toEqual({
      type: 'undo',
    })
    expect(resolveShortcut(press('h', { repeat: true }), idle)).toBeNull()
  })

  it('leaves keys alone while typing or in a dialog, so their own undo works', () => {
    for (const context of [
      { typing: true, modalOpen: false },
      { typing: false, modalOpen: true },
    ]) {
      expect(resolveShortcut(press('h'), context)).toBeNull()
      expect(resolveShortcut(press('1'), context)).toBeNull()
      expect(resolveShortcut(press('z', { ctrlKey: true }), context)).toBeNull()
    }
  })

  it('ignores other modifier combinations and unknown keys', () => {
    expect(resolveShortcut(press('h', { ctrlKey: true }), idle)).toBeNull()
    expect(resolveShortcut(press('h', { altKey: true }), idle)).toBeNull()
    expect(resolveShortcut(press('c', { metaKey: true }), idle)).toBeNull()
    expect(resolveShortcut(press('x'), idle)).toBeNull()
    expect(resolveShortcut(press('Enter'), idle)).toBeNull()
  })

  it('lists every action in the help table', () => {
    const text = SHORTCUT_HELP.map((s) => `${s.keys.join(' ')} ${s.description}`).join('\n')
    for (const word of ['H', 'C', 'J', 'K', '?', 'Undo', 'Redo', '1', '9'])
      expect(text).toContain(word)
  })

  it('lists the reader keys for selecting a passage by keyboard', () => {
    const rows = SHORTCUT_HELP.map((s) => s.keys.join(' '))
    for (const keys of ['↓ / ]', '↑ / [', 'S', 'Shift → / ←', 'Shift Alt → / ←', 'Ctrl E'])
      expect(rows).toContain(keys)
  })
})

describe('workbench experience shortcuts', () => {
  const idle = { typing: false, modalOpen: false }
  const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
    key,
    ctrlKey: true,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    repeat: false,
    ...extra,
  })

  it('maps Ctrl+B, Ctrl+Shift+V and the font size keys', () => {
    expect(resolveShortcut(press('b'), idle)).toEqual({ type: 'toggleSidebar' })
    expect(resolveShortcut(press('V', { shiftKey: true }), idle)).toEqual({ type: 'pasteArticle' })
    expect(resolveShortcut(press('v'), idle)).toBeNull()
    expect(resolveShortcut(press('='), idle)).toEqual({ type: 'fontSize', step: 1 })
    expect(resolveShortcut(press('+', { shiftKey: true }), idle)).toEqual({
      type: 'fontSize',
      step: 1,
    })
    expect(resolveShortcut(press('-'), idle)).toEqual({ type: 'fontSize', step: -1 })
  })

  it('leaves them to editors and dialogs', () => {
    expect(resolveShortcut(press('b'), { typing: true, modalOpen: false })).toBeNull()
    expect(resolveShortcut(press('='), { typing: false, modalOpen: true })).toBeNull()
  })
})
