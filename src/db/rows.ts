/**
 * The row of every table as better-sqlite3 returns it, derived from schema.ts (drizzle's
 * `$inferSelect`): a column's name and type are written once, there. Queries select columns
 * under these names (`display_name AS displayName`) and pick the ones they read:
 * `Pick<Rows['customers'], 'id' | 'phone'>`. Types only: nothing here runs drizzle.
 */
import type * as schema from './schema';

/** SQLite has no booleans: a `mode: 'boolean'` column comes back as 0 or 1. */
type Stored<Value> = Value extends boolean ? number : Value;

type RowOf<Table extends { $inferSelect: object }> = {
  [Column in keyof Table['$inferSelect']]: Stored<Table['$inferSelect'][Column]>;
};

/** One row of each table, by the table's SQL name. */
export interface Rows {
  customers: RowOf<typeof schema.customers>;
  identities: RowOf<typeof schema.identities>;
  conversations: RowOf<typeof schema.conversations>;
  messages: RowOf<typeof schema.messages>;
  tags: RowOf<typeof schema.tags>;
  customer_tags: RowOf<typeof schema.customerTags>;
  notes: RowOf<typeof schema.notes>;
  dismissed_matches: RowOf<typeof schema.dismissedMatches>;
  settings: RowOf<typeof schema.settings>;
  connector_cursors: RowOf<typeof schema.connectorCursors>;
  channel_accounts: RowOf<typeof schema.channelAccounts>;
  erased_identifiers: RowOf<typeof schema.erasedIdentifiers>;
  data_requests: RowOf<typeof schema.dataRequests>;
}
