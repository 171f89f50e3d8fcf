/**
 * Follows the SMS an agent sent until the provider gives a final answer (delivered or failed), and
 * reports each change. A phone cannot call us back without a public address, so the connector asks
 * the state of each message in flight at every round. The list is kept in the account's folder, so
 * messages sent just before a restart still get their receipts.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Log } from '../connector';
import type { SmsDelivery, SmsProvider, SmsState } from './provider';

const InFlightSchema = z.array(
  z.object({
    id: z.string().min(1),
    state: z.enum(['queued', 'sent']),
    since: z.number(),
  }),
);
type InFlight = z.output<typeof InFlightSchema>[number];

export interface DeliveryTrackerOptions {
  provider: SmsProvider;
  /** The account's own folder. */
  dataDir: string;
  /** Called for each change of state, with the reason for a failure. */
  report(id: string, delivery: SmsDelivery): void;
  /** Carriers do not always return delivery reports: after this long, stop asking. */
  giveUpAfterMs: number;
  now: () => number;
  log: Log;
}

export interface DeliveryTracker {
  /** Starts following a message the provider accepted, in the state it answered. */
  track(id: string, state: Extract<SmsState, 'queued' | 'sent'>): void;
  /** Asks the state of every message in flight once; reports what changed. */
  check(signal: AbortSignal): Promise<void>;
}

/** Creates the tracker and loads what an earlier run left in flight. */
export function createDeliveryTracker(options: DeliveryTrackerOptions): DeliveryTracker {
  const file = join(options.dataDir, 'in-flight.json');
  const inFlight = new Map<string, InFlight>(load().map((entry) => [entry.id, entry]));

  function load(): InFlight[] {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = InFlightSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Falls through: a damaged list loses receipts, never messages.
    }
    options.log.error(`sms: ${file} is damaged; receipts of messages sent before are not followed`);
    return [];
  }

  /**
   * Written whole and renamed, so a crash mid-write leaves the previous list. Best effort: the SMS
   * has already left, so a full disk costs receipts after a restart, never the message.
   */
  function save(): void {
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify([...inFlight.values()]));
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      options.log.error(`sms: ${file} not written; receipts may stop after a restart`, error);
    }
  }

  return {
    track(id, state) {
      inFlight.set(id, { id, state, since: options.now() });
      save();
    },

    async check(signal) {
      let changed = false;
      for (const entry of [...inFlight.values()]) {
        if (signal.aborted) break;
        let delivery: SmsDelivery | null;
        try {
          delivery = await options.provider.status(entry.id, signal);
        } catch (error) {
          // The phone is unreachable: the inbox poll reports that; try again next round.
          if (!signal.aborted) options.log.error(`sms: state of ${entry.id} not read`, error);
          break;
        }
        const final =
          delivery === null || delivery.state === 'delivered' || delivery.state === 'failed';
        if (delivery && delivery.state !== entry.state) options.report(entry.id, delivery);
        if (final || options.now() - entry.since > options.giveUpAfterMs) {
          inFlight.delete(entry.id);
          changed = true;
        } else if (delivery && delivery.state !== entry.state) {
          entry.state = delivery.state as InFlight['state'];
          changed = true;
        }
      }
      if (changed) save();
    },
  };
}
