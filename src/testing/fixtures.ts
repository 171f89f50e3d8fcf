/** Helpers for tests: a real database file in a temporary folder, and event builders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../core';
import type { Language } from '../i18n/language';
import type { InboundEvent } from '../inbox/inbound-event';
import type { Channel } from '../shared/domain';

/** "Now" in tests: Tuesday 24 November 2026, 12:00 UTC (09:00 in São Paulo). */
export const NOW = Date.parse('2026-11-24T12:00:00.000Z');

export interface TestCore extends Core {
  file: string;
  dir: string;
  /** Closes the database and deletes its folder. */
  dispose(): void;
}

/**
 * Opens a fresh database file with a fixed clock, in English unless told otherwise: what the
 * core says must not depend on the language of the machine that runs the tests.
 */
export function tempCore(
  options: { now?: () => number; timeZone?: string; language?: Language } = {},
): TestCore {
  const dir = mkdtempSync(join(tmpdir(), 'clientela-test-'));
  const file = join(dir, 'clientela.db');
  const core = openCore(file, { now: options.now ?? (() => NOW) });
  core.settings.update({
    timeZone: options.timeZone ?? 'America/Sao_Paulo',
    language: options.language ?? 'en',
  });
  return Object.assign(core, {
    file,
    dir,
    dispose() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

let sequence = 0;

/** A WhatsApp message from (or to) a Brazilian number, as the connector would produce it. */
export function whatsapp(phoneDigits: string, overrides: Partial<InboundEvent> = {}): InboundEvent {
  sequence++;
  return {
    channel: 'whatsapp',
    account: 'default',
    direction: 'in',
    messageId: `false_${phoneDigits}@c.us_${sequence}`,
    externalUserId: `${phoneDigits}@c.us`,
    displayName: null,
    text: `mensagem ${sequence}`,
    timestamp: new Date(NOW - 3_600_000).toISOString(),
    ...overrides,
  };
}

/** Any channel's event with sensible defaults. */
export function event(
  overrides: Partial<InboundEvent> & Pick<InboundEvent, 'channel' | 'externalUserId'>,
): InboundEvent {
  sequence++;
  return {
    account: 'default',
    direction: 'in',
    messageId: `${overrides.channel}-${sequence}`,
    text: `mensagem ${sequence}`,
    timestamp: new Date(NOW - 3_600_000).toISOString(),
    ...overrides,
  };
}

export const iso = (value: string | number) => new Date(value).toISOString();

/** The customer a channel identity belongs to; null while it belongs to nobody. */
export function customerOf(core: Core, channel: Channel, externalId: string): number | null {
  const row = core.db
    .prepare<[Channel, string], { id: number | null }>(
      'SELECT customer_id AS id FROM identities WHERE channel = ? AND external_id = ?',
    )
    .get(channel, externalId);
  return row?.id ?? null;
}
