/**
 * For tests: one WhatsApp account running over the emulated client and a real core (a SQLite
 * file in a temporary folder), with what it announced recorded.
 */
import { join } from 'node:path';
import type { ChannelStatus } from '../../../api/types';
import type { Settings } from '../../../api/contract';
import { tempCore, type TestCore } from '../../../testing/fixtures';
import type { TaskProgress } from '../../connector';
import { createConnectorContext } from '../../context';
import { EmulatedWorld } from './client-emulator';
import { sessionDirOf } from '../web-client';
import type { WhatsAppConfig } from '../config';
import {
  createWhatsAppConnector,
  type WhatsAppConnector,
  type WhatsAppConnectorOptions,
} from '../connector';

export const ACCOUNT = 'loja';

export interface Harness {
  core: TestCore;
  world: EmulatedWorld;
  connector: WhatsAppConnector;
  dataDir: string;
  sessionDir: string;
  statuses: { status: ChannelStatus; detail?: string }[];
  progress: TaskProgress[];
  errors: string[];
  /** Starts the account (resolves once the client is initializing). */
  start(): Promise<void>;
  /** A fresh connector for the same account, database and phone, as after an app restart. */
  restart(): Promise<Harness>;
  dispose(): Promise<void>;
}

/** The connector's own timings and batch sizes, as a test sets them. */
type Tuning = Pick<
  WhatsAppConnectorOptions,
  | 'messagesPerChat'
  | 'eventsPerBatch'
  | 'echoWaitMs'
  | 'lookupTimeoutMs'
  | 'pictureGapMs'
  | 'settleCheckMs'
>;

export interface HarnessOptions extends Tuning {
  config?: Partial<WhatsAppConfig>;
  settings?: Partial<Settings>;
  core?: TestCore;
  /** The phone, kept across restarts of the app. */
  world?: EmulatedWorld;
}

/** Builds the account; call `start()` to connect it. */
export function whatsappHarness(options: HarnessOptions = {}): Harness {
  const core = options.core ?? tempCore();
  if (options.settings) core.settings.update(options.settings);
  const world = options.world ?? new EmulatedWorld();
  const statuses: Harness['statuses'] = [];
  const progress: TaskProgress[] = [];
  const errors: string[] = [];
  const unsubscribe = core.bus.subscribe((events) => {
    for (const event of events) {
      if (event.type === 'channel.status')
        statuses.push({ status: event.status, detail: event.detail });
      if (event.type === 'channel.progress') {
        const { task, done, total, state, detail } = event;
        progress.push({ task, done, total, state, ...(detail ? { detail } : {}) });
      }
    }
  });
  const stopper = new AbortController();
  const dataDir = join(core.dir, 'whatsapp', ACCOUNT);
  const sessionDir = sessionDirOf(dataDir, ACCOUNT);
  const ctx = createConnectorContext<WhatsAppConfig>(core, {
    channel: 'whatsapp',
    account: ACCOUNT,
    config: { includeGroups: false, markChatsRead: false, ...options.config },
    secrets: {},
    dataDir,
    avatarDir: join(core.dir, 'avatars'),
    log: { info: () => undefined, error: (message) => errors.push(message) },
    signal: stopper.signal,
  });
  const connector = createWhatsAppConnector(ctx, {
    createClient: world.factory,
    sessionDir,
    reconnectDelays: [20, 40, 80],
    messagesPerChat: options.messagesPerChat,
    eventsPerBatch: options.eventsPerBatch,
    echoWaitMs: options.echoWaitMs,
    lookupTimeoutMs: options.lookupTimeoutMs,
    // Pictures are spaced out in one test of their own; the others need not wait.
    pictureGapMs: options.pictureGapMs ?? 0,
    settleCheckMs: options.settleCheckMs,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    stopper.abort();
    await connector.stop();
    unsubscribe();
  };
  return {
    core,
    world,
    connector,
    dataDir,
    sessionDir,
    statuses,
    progress,
    errors,
    start: () => connector.start(),
    async restart() {
      await stop();
      return whatsappHarness({ ...options, settings: undefined, core, world });
    },
    async dispose() {
      await stop();
      core.dispose();
    },
  };
}

/** Starts the account and brings its client to `ready`. */
export async function connected(options: HarnessOptions = {}): Promise<Harness> {
  const harness = whatsappHarness(options);
  await harness.start();
  harness.world.client.becomeReady();
  return harness;
}

/** The stored messages, oldest first, as a person would list them. */
export function storedMessages(core: TestCore) {
  return core.db
    .prepare<
      [],
      { externalId: string; direction: string; text: string; status: string; who: string }
    >(
      `SELECT m.external_id AS externalId, m.direction, m.text, m.status, i.external_id AS who
       FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
       JOIN identities i ON i.id = cv.identity_id ORDER BY m.timestamp, m.id`,
    )
    .all();
}

/** The customers with their WhatsApp identity. */
export function storedCustomers(core: TestCore) {
  return core.db
    .prepare<
      [],
      {
        id: number;
        name: string | null;
        phone: string | null;
        picture: string | null;
        externalId: string;
        isBusiness: number | null;
        identities: number;
      }
    >(
      `SELECT c.id, c.display_name AS name, c.phone, c.profile_picture_url AS picture,
              min(i.external_id) AS externalId, max(i.is_business) AS isBusiness,
              count(i.id) AS identities
       FROM customers c JOIN identities i ON i.customer_id = c.id GROUP BY c.id ORDER BY c.id`,
    )
    .all();
}
