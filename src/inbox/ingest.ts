/**
 * The inbox: turns InboundEvents into stored customers, conversations and messages, one
 * transaction per batch. The statements are prepared once (statements.ts); each batch gathers its
 * state (batch.ts), inserting the messages as they come, and writes the rest when it ends
 * (write-batch.ts); its domain events are announced once it has committed.
 */
import type { IngestReport } from '../api/types';
import type { WritableDB } from '../db/access';
import type { SettingsStore } from '../settings/store';
import type { EventBus } from '../events/event-bus';
import type { Channel } from '../shared/domain';
import { eventKeys } from '../privacy/identifiers';
import { createBatch } from './batch';
import type { ConnectorCursor, InboundEvent } from './inbound-event';
import { createInboxStatements } from './statements';
import { writeBatch } from './write-batch';

export interface IngestOptions {
  /** The connector's resume point, committed together with these messages. */
  cursor?: ConnectorCursor;
  /** Outbound messages typed in the app are stored as `pending` until their channel accepts them. */
  outboundStatus?: 'sent' | 'pending';
  /**
   * Past messages (a history import, a bulk ingest, sample data): stored like any others, but
   * announced with `backfill: true`, so nothing greets them as news (no desktop notification).
   * Those of a person erased since they were written are left out (privacy/erase.ts): history
   * does not bring them back, while what they send now, live, makes them a new customer.
   */
  backfill?: boolean;
}

export interface Inbox {
  /** Stores one event (see `ingestBatch`). */
  ingest(event: InboundEvent, options?: IngestOptions): IngestReport;
  /**
   * Stores many events in one transaction: identities, customers (auto-created when the setting
   * allows), conversations and messages. Idempotent per message id and independent of order.
   * Domain events are emitted after the commit.
   */
  ingestBatch(events: readonly InboundEvent[], options?: IngestOptions): IngestReport;
  /** Where the account's connector resumes (saved with `IngestOptions.cursor`); null at first. */
  cursor(channel: Channel, account: string): string | null;
}

/** The inbox of one connection. */
export function createInbox(
  db: WritableDB,
  deps: { settings: SettingsStore; bus: EventBus; now?: () => number },
): Inbox {
  const now = deps.now ?? Date.now;
  const statements = createInboxStatements(db);

  function run(events: readonly InboundEvent[], options: IngestOptions) {
    const at = now();
    const outboundStatus = options.outboundStatus ?? 'sent';
    // New rows get their ids up front and are written once, complete, when the batch ends; the
    // write lock is ours for the whole transaction, and foreign keys are checked at commit.
    db.pragma('defer_foreign_keys = ON');
    const settings = deps.settings.get();
    const batch = createBatch(statements, settings, options.backfill ?? false);
    const erased = options.backfill ? statements.erased.matcher() : null;
    batch.report.received = events.length;
    for (const event of events) {
      const timestamp = Date.parse(event.timestamp);
      if (erased?.(eventKeys(event, settings.defaultRegion), timestamp)) {
        batch.report.erased++;
        continue;
      }
      const person = batch.identityFor(event, timestamp);
      batch.applyProfile(person, event, timestamp);
      const messageId = statements.messages.insert(
        person.conversationId,
        event,
        timestamp,
        event.direction === 'in' ? 'received' : outboundStatus,
        at,
      );
      if (messageId === null) batch.report.duplicates++;
      else batch.recordMessage(person, event, timestamp, messageId);
    }
    const domainEvents = writeBatch(statements, batch, at);
    if (options.cursor) statements.cursors.save(options.cursor, at);
    return { report: batch.report, domainEvents };
  }

  const transaction = db.transaction(run);

  function ingestBatch(events: readonly InboundEvent[], options: IngestOptions = {}): IngestReport {
    const { report, domainEvents } = transaction.immediate(events, options);
    deps.bus.emit(domainEvents);
    return report;
  }

  return {
    ingest: (event, options) => ingestBatch([event], options),
    ingestBatch,
    cursor: (channel, account) => statements.cursors.get(channel, account),
  };
}
