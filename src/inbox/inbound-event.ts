import { z } from 'zod';
import { CHANNELS, DIRECTIONS } from '../shared/domain';
import { wholeText } from '../shared/text';

/**
 * Text from outside, kept whatever it holds: half of a character (a lone surrogate, which UTF-8
 * cannot hold) becomes U+FFFD rather than costing the message.
 */
const whole = (schema: z.ZodString) => schema.transform(wholeText);
const optional = (max: number) => whole(z.string().trim().max(max)).nullish();

/** The one shape every connector produces, and the line format of `clientela ingest`. */
export const InboundEventSchema = z.object({
  channel: z.enum(CHANNELS),
  account: whole(z.string().trim().min(1).max(100)).default('default'),
  direction: z.enum(DIRECTIONS),
  messageId: whole(z.string().min(1).max(512)),
  externalUserId: whole(z.string().min(1).max(512)),
  displayName: optional(200),
  phone: optional(40),
  email: optional(254),
  username: optional(100),
  language: optional(35),
  profilePictureUrl: optional(2048),
  isBusiness: z.boolean().nullish(),
  text: whole(z.string().max(65_536)),
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
