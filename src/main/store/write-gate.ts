/**
 * Many writes at once, or one snapshot alone.
 *
 * Why: a snapshot must show the library as it was between two changes, never
 * half way through a change that spans several files. Writes pass the gate
 * together (`shared`); a snapshot (`exclusive`) waits for the writes in
 * progress, holds new ones back while it runs, then lets them through.
 * A shared section must not wait for an exclusive one, or they would wait
 * for each other: nothing inside a write takes a snapshot.
 */
export class WriteGate {
  private shared = 0
  private exclusive: Promise<void> | null = null
  private idle: (() => void) | null = null

  /** Run a write; waits while a snapshot is waiting or running. */
  async runShared<T>(task: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive
    this.shared++
    try {
      return await task()
    } finally {
      this.shared--
      if (this.shared === 0) this.idle?.()
    }
  }

  /** Run a task with no write in progress; one at a time. */
  async runExclusive<T>(task: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive.catch(() => undefined)
    let done!: () => void
    this.exclusive = new Promise<void>((resolve) => (done = resolve))
    try {
      if (this.shared > 0) await new Promise<void>((resolve) => (this.idle = resolve))
      this.idle = null
      return await task()
    } finally {
      this.exclusive = null
      done()
    }
  }
}
