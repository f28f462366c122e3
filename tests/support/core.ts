/**
 * A real app core on a temporary library, for dispatch-level tests.
 */
import { resolve } from 'node:path'
import {
  APP_ORIGIN,
  createAppCore,
  type AppCore,
  type AppCoreOptions,
} from '../../src/main/app-core'
import type { Channel } from '../../src/shared/ipc/channels'
import type { ChannelInput, ChannelOutputs } from '../../src/shared/ipc/contract'
import type { Result } from '../../src/shared/ipc/result'
import type { SenderInfo } from '../../src/main/ipc/dispatch'

export const TRUSTED_SENDER: SenderInfo = { url: `${APP_ORIGIN}/index.html`, isTopFrame: true }
export const SAMPLES_DIR = resolve(__dirname, '../../data/samples')

export interface TestCore extends AppCore {
  /** Call a channel as the app's own window would, typed by the contract. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutputs[C]>>
  /** Call a channel and return its value, failing the test on an error result. */
  value<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutputs[C]>
  /** What the stubbed native dialogs answer next. */
  readonly answers: { exportPath: string | null; pickPaths: string[] | null }
}

/** Open a core over `libraryDir` with dialogs the test controls. */
export async function openTestCore(
  libraryDir: string,
  now?: () => Date,
  extra: Pick<AppCoreOptions, 'searchWorkerPath' | 'parseWorkerPath' | 'log'> = {},
): Promise<TestCore> {
  const state = { exportPath: null as string | null, pickPaths: null as string[] | null }
  const core = await createAppCore({
    libraryDir,
    samplesDir: SAMPLES_DIR,
    trustedOrigins: [APP_ORIGIN],
    dialogs: {
      pickArticleFiles: async () => state.pickPaths,
      pickWebPage: async () => state.pickPaths?.[0] ?? null,
      chooseExportPath: async () => state.exportPath,
    },
    ...(now ? { now } : {}),
    ...extra,
  })
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    core.dispatch(channel, input, TRUSTED_SENDER) as Promise<Result<ChannelOutputs[C]>>
  return {
    ...core,
    call,
    async value<C extends Channel>(channel: C, input: ChannelInput<C>) {
      const result = await call(channel, input)
      if (!result.ok)
        throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
      return result.value
    },
    answers: state,
  }
}

/** Encode text as a file for `import:files`. */
export function textFile(name: string, text: string): { name: string; data: Uint8Array } {
  return { name, data: new TextEncoder().encode(text) }
}
