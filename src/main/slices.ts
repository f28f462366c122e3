/**
 * Long work on the main thread, cut into slices.
 *
 * Why: matching annotations against article texts is pure computation; a
 * loop that awaits only already-settled promises never lets the event
 * loop in, so the window waits for the whole of it. Calling the yielder
 * inside such a loop gives the event loop a turn whenever a slice has run
 * for `sliceMs`, and costs nothing otherwise.
 */

/** How long one slice may hold the thread, in milliseconds; under the 50 ms budget with room to spare. */
export const SLICE_MS = 12

/** A function to await inside a long loop: it yields to the event loop once a slice is used up. */
export function sliceYielder(sliceMs = SLICE_MS): () => Promise<void> {
  let started = performance.now()
  return async () => {
    if (performance.now() - started < sliceMs) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    started = performance.now()
  }
}
