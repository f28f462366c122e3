/**
 * Event listeners for linkedom's nodes, kept only for nodes that have some.
 *
 * Why: linkedom's `EventTarget` constructor, which every node it creates
 * runs (each element, attribute and text node of a parsed page), puts the
 * node in a module-wide `WeakMap` with a new `Map` for its listeners. A
 * page import never adds a listener, yet those entries were the largest
 * single cost left in an HTML import: 7 % of its CPU in the constructor,
 * and more in collecting the maps and the weak table (V8 treats each entry
 * as an ephemeron). Measured on the 181 benchmark pages in one thread:
 * 4.47 s of CPU per 100 pages with linkedom's constructor, 3.78 s without.
 *
 * So nodes are built without it (their base class becomes an empty one),
 * and `addEventListener`, `removeEventListener` and `dispatchEvent` are
 * replaced by the same code as linkedom's (0.18) over a table of this
 * module's, filled only when a listener is added: events still work on
 * every node. Applied once per loaded linkedom, and only when its classes
 * have the shape this expects (`Node` derived directly from `EventTarget`);
 * otherwise linkedom is left as it is, slower but correct.
 */

/** A listener as the DOM takes it: a function or an object with `handleEvent`. */
type Listener = ((event: LinkedomEvent) => void) | { handleEvent: (event: LinkedomEvent) => void }

/** The fields of linkedom's `Event` its dispatch reads and writes. */
interface LinkedomEvent {
  type: string
  bubbles: boolean
  cancelBubble: boolean
  defaultPrevented: boolean
  eventPhase: number
  currentTarget?: unknown
  target?: unknown
  _stopImmediatePropagationFlag: boolean
  _path: { currentTarget: EventNode; target: EventNode }[]
  readonly NONE: number
  readonly CAPTURING_PHASE: number
  readonly AT_TARGET: number
  readonly BUBBLING_PHASE: number
}

/** A linkedom node as its dispatch sees it. */
interface EventNode {
  dispatchEvent?: unknown
  _getParent?: () => EventNode | null
}

type ListenerOptions = { once?: boolean } | boolean | undefined

/** Per node, per event type, its listeners and their options; only nodes with listeners. */
const listeners = new WeakMap<object, Map<string, Map<Listener, ListenerOptions>>>()

/** linkedom modules already changed. */
const patched = new WeakSet<object>()

function call(event: LinkedomEvent, listener: Listener): boolean {
  if (typeof listener === 'function') listener.call(event.target, event)
  else listener.handleEvent(event)
  return event._stopImmediatePropagationFlag
}

/** linkedom's `invokeListeners`, over this module's table. */
function invokeListeners(
  this: LinkedomEvent,
  { currentTarget, target }: { currentTarget: EventNode; target: EventNode },
): boolean | undefined {
  const byType = listeners.get(currentTarget)
  const forType = byType?.get(this.type)
  if (!forType) return undefined
  this.eventPhase = currentTarget === target ? this.AT_TARGET : this.BUBBLING_PHASE
  this.currentTarget = currentTarget
  this.target = target
  for (const [listener, options] of forType) {
    if (options && (options as { once?: boolean }).once) forType.delete(listener)
    if (call(this, listener)) break
  }
  delete this.currentTarget
  delete this.target
  return this.cancelBubble
}

/** As linkedom does it: the target, then its ancestors when the event bubbles. */
function addPath(event: LinkedomEvent, target: EventNode): void {
  let node: EventNode | null | false | undefined = target
  while (node) {
    if (node.dispatchEvent) event._path.push({ currentTarget: node, target })
    node = event.bubbles && node._getParent && node._getParent()
  }
}

const methods = {
  addEventListener(this: object, type: string, listener: Listener, options?: ListenerOptions) {
    let byType = listeners.get(this)
    if (!byType) listeners.set(this, (byType = new Map()))
    let forType = byType.get(type)
    if (!forType) byType.set(type, (forType = new Map()))
    forType.set(listener, options)
  },
  removeEventListener(this: object, type: string, listener: Listener) {
    const byType = listeners.get(this)
    const forType = byType?.get(type)
    if (forType && forType.delete(listener) && forType.size === 0) byType?.delete(type)
  },
  dispatchEvent(this: EventNode, event: LinkedomEvent): boolean {
    event.eventPhase = event.CAPTURING_PHASE
    addPath(event, this)
    event._path.some(invokeListeners, event)
    event._path = []
    event.eventPhase = event.NONE
    return !event.defaultPrevented
  },
}

/**
 * Make linkedom's nodes keep no listener table until one is added.
 *
 * Returns whether linkedom was changed (now or by an earlier call); false
 * when its classes are not shaped as expected, and it is left as it is.
 */
export function lazyNodeListeners(linkedom: object): boolean {
  if (patched.has(linkedom)) return true
  const { Node: facade, EventTarget: eventTarget } = linkedom as {
    Node?: unknown
    EventTarget?: unknown
  }
  // The exported `Node` is a facade whose parent is the class nodes are built from.
  const node: unknown = typeof facade === 'function' ? Object.getPrototypeOf(facade) : null
  if (typeof eventTarget !== 'function' || typeof node !== 'function') return false
  if (Object.getPrototypeOf(node) !== eventTarget) return false
  const prototype = (eventTarget as { prototype: object }).prototype
  if (!('addEventListener' in prototype && 'dispatchEvent' in prototype)) return false
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true })
  }
  // Nodes' `super()` now runs this empty constructor instead of EventTarget's;
  // their prototype chain, and so the methods above, stay as they were.
  Object.setPrototypeOf(node, class NodeBase {})
  patched.add(linkedom)
  return true
}
