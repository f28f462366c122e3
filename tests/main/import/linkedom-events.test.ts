/**
 * linkedom's nodes still take and fire event listeners once the importer has
 * made their listener tables lazy (see src/main/import/linkedom-events.ts).
 *
 * Why: the change replaces linkedom's own event methods; nothing in an
 * import adds a listener, so only these tests would notice if events broke.
 */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { lazyNodeListeners } from '../../../src/main/import/linkedom-events'

/** The CommonJS linkedom, the one the importer loads. */
const linkedom = createRequire(import.meta.url)('linkedom') as typeof import('linkedom')

function page(): Document {
  return new linkedom.DOMParser().parseFromString(
    '<!doctype html><html><body><div id="outer"><p id="inner">Text</p></div></body></html>',
    'text/html',
  ) as unknown as Document
}

function event(type: string, bubbles: boolean): Event {
  return new linkedom.Event(type, { bubbles }) as unknown as Event
}

describe('lazy listener tables for linkedom nodes', () => {
  it('applies to the linkedom the importer loads, once', () => {
    expect(lazyNodeListeners(linkedom)).toBe(true)
    expect(lazyNodeListeners(linkedom)).toBe(true)
  })

  it('fires listeners on the target, then on its ancestors when the event bubbles', () => {
    lazyNodeListeners(linkedom)
    const document = page()
    const inner = document.getElementById('inner')!
    const outer = document.getElementById('outer')!
    const seen: string[] = []
    inner.addEventListener('ping', (e) => seen.push(`inner ${e.eventPhase}`))
    outer.addEventListener('ping', (e) => seen.push(`outer ${e.eventPhase}`))
    expect(inner.dispatchEvent(event('ping', true))).toBe(true)
    expect(seen).toEqual(['inner 2', 'outer 3'])
    seen.length = 0
    inner.dispatchEvent(event('ping', false))
    expect(seen).toEqual(['inner 2'])
  })

  it('removes listeners, honours once and stops at stopImmediatePropagation', () => {
    lazyNodeListeners(linkedom)
    const element = page().getElementById('inner')!
    const seen: string[] = []
    const removed = (): void => {
      seen.push('removed')
    }
    element.addEventListener('ping', removed)
    element.removeEventListener('ping', removed)
    element.addEventListener('ping', () => seen.push('once'), { once: true })
    element.addEventListener('ping', (e) => {
      seen.push('stopper')
      e.stopImmediatePropagation()
    })
    element.addEventListener('ping', () => seen.push('after the stop'))
    element.dispatchEvent(event('ping', false))
    element.dispatchEvent(event('ping', false))
    expect(seen).toEqual(['once', 'stopper', 'stopper'])
  })

  it('runs handlers set as properties and reports preventDefault', () => {
    lazyNodeListeners(linkedom)
    const element = page().getElementById('inner') as HTMLElement
    let clicks = 0
    element.onclick = () => {
      clicks++
    }
    element.click()
    expect(clicks).toBe(1)
    element.addEventListener('ping', (e) => e.preventDefault())
    expect(element.dispatchEvent(new linkedom.Event('ping', { cancelable: true }) as never)).toBe(
      false,
    )
  })
})
