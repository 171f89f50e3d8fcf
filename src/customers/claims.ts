/**
 * The vouched-and-claimed rule (`isVouched` in shared/domain.ts) as the customer queries use it.
 * A customer is vouched for when a channel vouches for one of its identities, or when the owner
 * made it (typed in by hand or imported): its own phone and e-mail are then its own, and link the
 * people who write from them. A customer made only of web visitors' claims is shown with what the
 * visitors typed, but what they typed links nobody: it is offered as a possible match instead.
 */
import { CHANNELS, isVouched } from '../shared/domain';

/** The vouched channels as an SQL list: `channel IN ${VOUCHED_CHANNELS}`. */
export const VOUCHED_CHANNELS = `(${CHANNELS.filter(isVouched)
  .map((channel) => `'${channel}'`)
  .join(', ')})`;

/** SQL condition: the customer whose id is `id` has an identity a channel vouches for. */
export const hasVouchedIdentity = (id: string) =>
  `EXISTS (SELECT 1 FROM identities v WHERE v.customer_id = ${id} AND v.channel IN ${VOUCHED_CHANNELS})`;

/** SQL condition on the customers row `c`: vouched for, by a channel or by the owner. */
export const isVouchedCustomer = (c: string) =>
  `(${c}.source <> 'auto_created' OR ${hasVouchedIdentity(`${c}.id`)})`;
