import type { CustomerSummary } from '../api/types';
import type { Rows } from '../db/rows';
import type { Channel } from '../shared/domain';
import { fallbackLabel } from './profile';

/** Columns of `customers c` that a summary needs. */
export const SUMMARY_COLUMNS = `c.id, c.display_name AS displayName, c.phone, c.email, c.source,
  c.first_contact_at AS firstContactAt, c.last_seen_at AS lastSeenAt,
  c.last_interaction_at AS lastInteractionAt, c.profile_picture_url AS profilePictureUrl`;

export type SummaryRow = Pick<
  Rows['customers'],
  | 'id'
  | 'displayName'
  | 'phone'
  | 'email'
  | 'source'
  | 'firstContactAt'
  | 'lastSeenAt'
  | 'lastInteractionAt'
  | 'profilePictureUrl'
>;

/** The few identity columns a list row shows (channel icons, fallback label). */
export type IdentityBrief = Pick<Rows['identities'], 'channel' | 'username' | 'externalId'>;

export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** A customer row plus its identities and tags, as the API shows it. */
export function toSummary(
  row: SummaryRow,
  identities: IdentityBrief[],
  tags: string[],
): CustomerSummary {
  const channels = [...new Set(identities.map((i) => i.channel))].sort() as Channel[];
  return {
    id: row.id,
    displayName: row.displayName,
    label:
      row.displayName ??
      fallbackLabel({
        phone: row.phone,
        email: row.email,
        username: identities.find((i) => i.username)?.username,
        externalId: identities[0]?.externalId,
      }),
    phone: row.phone,
    email: row.email,
    channels,
    source: row.source,
    firstContactAt: iso(row.firstContactAt),
    lastSeenAt: iso(row.lastSeenAt),
    lastInteractionAt: iso(row.lastInteractionAt),
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
    profilePictureUrl: row.profilePictureUrl,
    needsDetails: !row.phone && !row.email,
  };
}
