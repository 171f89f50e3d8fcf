import { z } from 'zod';
import { CHANNELS, DIRECTIONS } from '../shared/domain';

const optional = (max: number) => z.string().trim().max(max).nullish();

/** The one shape every connector produces, and the line format of `clientela ingest`. */
export const InboundEventSchema = z.object({
  channel: z.enum(CHANNELS),
  account: z.string().trim().min(1).max(100).default('default'),
  direction: z.enum(DIRECTIONS),
  messageId: z.string().min(1).max(512),
  externalUserId: z.string().min(1).max(512),
  displayName: optional(200),
  phone: optional(40),
  email: optional(254),
  username: optional(100),
  language: optional(35),
  profilePictureUrl: optional(2048),
  isBusiness: z.boolean().nullish(),
  text: z.string().max(65_536),
  timestamp: z.iso.datetime({ offset: true }),
});

export type InboundEvent = z.output<typeof InboundEventSchema>;
export type InboundEventInput = z.input<typeof InboundEventSchema>;

/** A connector's resume point, saved in the same transaction as the messages it delivered. */
export interface ConnectorCursor {
  channel: InboundEvent['channel'];
  account: string;
  value: string;
}
