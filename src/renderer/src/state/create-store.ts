/**
 * A minimal external store for React.
 *
 * Why not React state: the workbench's actions are async (every call goes
 * to main) and must see the latest state when they finish, not the state
 * of the render that started them. A store outside React gives actions
 * `get()` at any time and components a selector hook, without a library.
 */
import { useSyncExternalStore } from 'react'

export interface Store<S> {
  get(): S
  set(update: Partial<S> | ((state: S) => Partial<S>)): void
  subscribe(listener: () => void): () => void
}

/** Create a store holding a readonly state object, replaced on every update. */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(update) {
      const patch = typeof update === 'function' ? update(state) : update
      state = { ...state, ...patch }
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

/**
 * Read part of a store in a component.
 *
 * The selector must return a value that is stable while the state is
 * unchanged (a field, or a primitive), not a freshly built object.
 */
export function useStore<S, T>(store: Store<S>, selector: (state: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()))
}
