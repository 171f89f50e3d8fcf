/**
 * The drivers this build offers, by channel. Each channel's driver adds its one line here; the
 * supervisor, the accounts and the CLI take a registry as a parameter, so tests pass their own.
 */
import type { Channel } from '../shared/domain';
import type { ChannelDriver } from './connector';
import { smsDriver } from './sms/driver';
import { telegramDriver } from './telegram/driver';
import { webchatDriver } from './webchat/driver';
import { whatsappDriver } from './whatsapp/driver';

/**
 * A driver of any channel. Each driver has its own config type; the registry only ever hands a
 * config back to the driver whose configSchema produced it, so the type is erased here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelDriver = ChannelDriver<any>;

export type DriverRegistry = ReadonlyMap<Channel, AnyChannelDriver>;

/** A registry of the given drivers. */
export function registryOf(drivers: readonly AnyChannelDriver[]): DriverRegistry {
  return new Map(drivers.map((driver) => [driver.channel, driver]));
}

/**
 * Every channel this build can connect, in the order the screens list channels (shared/domain's
 * CHANNELS): WhatsApp first, the one most owners connect first, where "Add account" opens.
 */
export const defaultRegistry: DriverRegistry = registryOf([
  whatsappDriver,
  telegramDriver,
  webchatDriver,
  smsDriver,
]);
