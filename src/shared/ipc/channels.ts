/**
 * The names of every IPC channel and main-to-renderer event.
 *
 * Why a separate file with no imports: the sandboxed preload can only run
 * self-contained code, so it must be able to import the allow-list without
 * pulling in the schema library. `contract.ts` checks at compile time that
 * these names and the schemas agree.
 */

export const CHANNELS = [
  'library:info',
  'library:openSamples',
  'article:list',
  'article:get',
  'article:update',
  'article:restoreBackup',
  'article:edit',
  'article:trash',
  'article:replaceText',
  'article:reextract',
  'article:pasteText',
  'article:version',
  'trash:list',
  'trash:restore',
  'trash:empty',
  'import:files',
  'import:pick',
  'import:resolve',
  'import:cancel',
  'annotation:create',
  'annotation:update',
  'annotation:delete',
  'annotation:reattach',
  'annotation:find',
  'claim:update',
  'claim:link',
  'claim:unlink',
  'codebook:list',
  'codebook:create',
  'codebook:update',
  'codebook:rename',
  'codebook:merge',
  'codebook:move',
  'codebook:delete',
  'history:undo',
  'history:redo',
  'history:state',
  'settings:get',
  'settings:update',
  'export:preview',
  'export:save',
  'template:list',
  'template:get',
  'template:save',
  'template:delete',
  'template:preview',
  'annotation:importW3c',
  'search:query',
  'search:hits',
] as const

export type Channel = (typeof CHANNELS)[number]

export const EVENTS = ['menu:command', 'import:progress'] as const

export type EventName = (typeof EVENTS)[number]

type Camel<S extends string> = S extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : S

/** The name of the preload function for a channel: `article:list` -> `articleList`. */
export type MethodName<C extends Channel> = Camel<C>

/** The name of the preload subscription for an event: `menu:command` -> `onMenuCommand`. */
export type SubscriptionName<E extends EventName> = `on${Capitalize<Camel<E>>}`

/** Compute the preload function name of a channel. */
export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':') as [string, string]
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>
}

/** Compute the preload subscription name of an event. */
export function subscriptionName<E extends EventName>(event: E): SubscriptionName<E> {
  const [domain, verb] = event.split(':') as [string, string]
  return `on${domain.charAt(0).toUpperCase()}${domain.slice(1)}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as SubscriptionName<E>
}

/** Whether a string names a channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name)
}
