/**
 * The shape of `window.workbench`, derived from the contract.
 *
 * Why: the preload builds this object from the channel list and the renderer
 * calls it; deriving the type here means neither can add or rename a method
 * without the compiler noticing.
 */
import type { Channel, EventName, MethodName, SubscriptionName } from './channels'
import type { ChannelInput, ChannelResult, EventPayloads } from './contract'

export type WorkbenchApi = {
  readonly [C in Channel as MethodName<C>]: (input: ChannelInput<C>) => Promise<ChannelResult<C>>
} & {
  readonly [E in EventName as SubscriptionName<E>]: (
    listener: (payload: EventPayloads[E]) => void,
  ) => () => void
}
