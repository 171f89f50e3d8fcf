/**
 * For tests: a local HTTP server that answers as the local server of SMS Gateway for Android
 * (capcom6/android-sms-gateway, modules/localserver) does at v1.68.0: Basic auth with Ktor's 401
 * challenge; GET /health without auth (HealthResponse: version, checks, 500 when a check fails);
 * POST /messages validated as PostMessageRequest.validate() does, with the client's `id` (409 for
 * one already stored), `ttl`, `simNumber`; GET /messages/{id}; GET and PATCH /settings (the
 * `messages` section: processing_order, LIFO unless set); GET /inbox filtered, sorted (createdAt
 * DESC, id DESC) and paged as IncomingMessagesDao.select; Gson's dates in the phone's zone; and
 * {"message": ...} error bodies. Tests put SMS in the inbox and move message states by hand, and
 * `sendQueued()` plays the app's SendMessagesWorker (MessagesService.sendPendingMessages).
 *
 * What differs by app version or Android release is an option (android-gateway-formats.ts has the
 * sources): `version` (1.63.0 to 1.66.1 hash received ids without the date; before 1.65.2 a
 * repeated id replaces the stored SMS, from 1.65.2 on it is dropped) and `android` (5 and 6
 * answer 400 to any from/to on GET /inbox and write offsets like "+-3:00").
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gsonDate, incomingSmsId, parseAppDate, versionAtLeast } from './android-gateway-formats';
import type { ProcessingState } from '../android-gateway/schemas';

/** The app version this emulator was built from. */
export const EMULATED_APP_VERSION = '1.68.0';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorized: boolean;
  body: unknown;
}

interface StoredMessage {
  id: string;
  text: string;
  phoneNumbers: string[];
  withDeliveryReport: boolean;
  simNumber: number | null;
  /** Epoch ms on the phone's clock; null without ttl or validUntil. */
  validUntil: number | null;
  createdAt: number;
  state: ProcessingState;
  error: string | null;
  states: Partial<Record<ProcessingState, number>>;
}

interface StoredSms {
  id: string;
  sender: string;
  text: string;
  simNumber: number;
  createdAt: number;
}

type ProcessingOrder = 'LIFO' | 'FIFO';

export interface GatewayEmulatorOptions {
  username?: string;
  password?: string;
  model?: string;
  /** The phone's time zone, in minutes from UTC (São Paulo: -180). */
  offsetMinutes?: number;
  /** What GET /health reports, and the behaviours that go with it; 1.68.0 unless told. */
  version?: string;
  /** The phone's Android major release; 14 unless told. */
  android?: number;
  /** The battery as BatteryMonitor reads it; 80% and on the charger unless told. */
  battery?: { level: number; plugged: boolean };
  /** How far the phone's clock is ahead of this computer's (negative: behind). */
  clockOffsetMs?: number;
}

export interface GatewayEmulator {
  url: string;
  username: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Messages enqueued through POST /messages, in order. */
  outbox(): readonly StoredMessage[];
  /**
   * The phone receives an SMS stamped `at` (epoch ms) on SIM `sim` (1 unless told); returns the
   * app's id for it. As the app does, a repeated id is dropped (1.65.2 on) or replaces the SMS
   * stored under it (before).
   */
  receive(sms: { sender: string; text: string; at: number; sim?: number }): string;
  /** The radio moves a sent message on (Sent, Delivered, Failed with `error`...). */
  setState(id: string, state: ProcessingState, error?: string): void;
  /**
   * The app's worker sends what is queued, in its processing order (priority, then createdAt:
   * newest first under LIFO); a message past its validUntil fails with "TTL expired". Returns the
   * ids in the order they went out.
   */
  sendQueued(): string[];
  /** The `messages.processing_order` setting. */
  processingOrder(): ProcessingOrder;
  /** The phone's clock moves on (or back). */
  advanceClock(ms: number): void;
  setBattery(battery: { level: number; plugged: boolean }): void;
  /** The owner changes the password in the app. */
  setPassword(password: string): void;
  /** Answers 404 to GET /inbox, as the app did before version 1.59.0. */
  withoutInbox(): void;
  /**
   * The next request to `what` ("POST /messages") is carried out, but its answer is lost: the
   * connection drops before it arrives (Wi-Fi gone, the phone asleep mid-answer).
   */
  loseNextAnswer(what: string): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});
const badRequest = (message: string) => reply(400, { message });

/** Starts the emulator on 127.0.0.1 at a free port. */
export async function startGatewayEmulator(
  options: GatewayEmulatorOptions = {},
): Promise<GatewayEmulator> {
  const username = options.username ?? 'sms';
  let password = options.password ?? 'senha-do-celular';
  const offset = options.offsetMinutes ?? -180;
  const version = options.version ?? EMULATED_APP_VERSION;
  const android = options.android ?? 14;
  let battery = options.battery ?? { level: 80, plugged: true };
  let clockOffset = options.clockOffsetMs ?? 0;
  const requests: RecordedRequest[] = [];
  const messages = new Map<string, StoredMessage>();
  const inbox: StoredSms[] = [];
  let hasInbox = true;
  let processingOrder: ProcessingOrder = 'LIFO';
  let lastCreatedAt = 0;
  let loseAnswerTo: string | null = null;

  const phoneNow = () => Date.now() + clockOffset;
  const date = (instant: number) => gsonDate(instant, offset, android);

  /** MessagesRoutes' toDomain: Gson drops nulls, states keyed by name. */
  const messageState = (m: StoredMessage) => ({
    id: m.id,
    deviceId: 'emulated-device-0001',
    state: m.state,
    isHashed: false,
    isEncrypted: false,
    textMessage: { text: m.text },
    recipients: m.phoneNumbers.map((phoneNumber) => ({
      phoneNumber,
      state: m.state,
      ...(m.error === null ? {} : { error: m.error }),
    })),
    states: Object.fromEntries(Object.entries(m.states).map(([state, at]) => [state, date(at)])),
  });

  const moveTo = (m: StoredMessage, state: ProcessingState, error: string | null = null) => {
    m.state = state;
    m.error = error;
    m.states[state] = phoneNow();
  };

  /** HealthService.healthCheck with its three monitors, as HealthResponse. */
  function health(): Reply {
    const levelStatus = battery.level < 10 ? 'fail' : battery.level < 25 ? 'warn' : 'pass';
    const checks = {
      'messages:failed': check('pass', 0, 'messages', 'Failed messages for last hour'),
      'connection:status': check('pass', 1, 'boolean', 'Internet connection status'),
      // TransportType.WiFi
      'connection:transport': check('pass', 4, 'flags', 'Network transport type'),
      'connection:cellular': check('pass', 0, 'index', 'Cellular network type'),
      'battery:level': check(
        levelStatus,
        Math.floor(battery.level),
        'percent',
        'Battery level in percent',
      ),
      // 2 = on AC power, +1 while charging (BATTERY_STATUS_CHARGING; not once full).
      'battery:charging': check(
        'pass',
        battery.plugged ? 2 + (battery.level < 100 ? 1 : 0) : 0,
        'flags',
        'Is the phone charging?',
      ),
    };
    const statuses: string[] = Object.values(checks).map((c) => c.status);
    const status = statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
    // The build's versionCode: days since 2022-06-15 (.github/workflows/build-apk.yml).
    const releaseId = Math.floor((Date.now() - Date.parse('2022-06-15')) / 86_400_000);
    return reply(status === 'fail' ? 500 : 200, { version, releaseId, status, checks });
  }

  function check(status: string, observedValue: number, observedUnit: string, description: string) {
    return { status, observedValue, observedUnit, description };
  }

  /** MessagesSettings.export(): Gson leaves the unset (null) settings out. */
  const settings = () => ({
    messages: {
      send_interval_min: 0,
      limit_period: 'Disabled',
      limit_value: 0,
      sim_selection_mode: 'OSDefault',
      processing_order: processingOrder,
    },
  });

  /** SettingsService.update: only the `messages` section's processing_order is emulated. */
  function patchSettings(body: unknown): Reply {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return badRequest('Invalid request: body is not a map');
    const section = (body as Record<string, unknown>).messages;
    if (section !== undefined && section !== null) {
      const order = (section as Record<string, unknown>).processing_order;
      if (order !== undefined) {
        if (order !== null && order !== 'LIFO' && order !== 'FIFO')
          return badRequest(
            `Invalid request: Failed to import messages: No enum constant me.capcom.smsgateway.modules.messages.MessagesSettings.ProcessingOrder.${String(order)}`,
          );
        processingOrder = order ?? 'LIFO';
      }
    }
    return reply(200, settings());
  }

  function postMessage(body: unknown): Reply {
    if (!body || typeof body !== 'object') return badRequest('Failed to convert request body');
    const request = body as Record<string, unknown>;
    const kinds = [request.textMessage, request.dataMessage, request.message].filter(
      (kind) => kind !== undefined && kind !== null,
    );
    if (kinds.length === 0)
      return badRequest('Must specify exactly one of: textMessage, dataMessage, or message');
    if (kinds.length > 1) return badRequest('Cannot specify multiple message types simultaneously');
    const text =
      typeof request.message === 'string'
        ? request.message
        : (request.textMessage as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string') return badRequest('Only text messages are emulated');
    if (text === '') return badRequest('Text message is empty');
    const phoneNumbers = request.phoneNumbers;
    if (!Array.isArray(phoneNumbers) || phoneNumbers.length === 0)
      return badRequest('Empty phone numbers list');
    const simNumber = typeof request.simNumber === 'number' ? request.simNumber : null;
    if (simNumber !== null && simNumber < 1) return badRequest('SIM number cannot be less than 1');
    // PostMessageRequest.validUntil, read when the message is built.
    const ttl = typeof request.ttl === 'number' ? request.ttl : null;
    if (ttl !== null && request.validUntil != null)
      return badRequest('fields conflict: ttl and validUntil');
    const validUntil = ttl === null ? null : phoneNow() + ttl * 1000;
    if (validUntil !== null && validUntil < phoneNow())
      return badRequest('message already expired');
    const id =
      typeof request.id === 'string'
        ? request.id
        : randomBytes(16).toString('base64url').slice(0, 21);
    // The primary key refuses a second message with this id: MessagesService throws
    // ConflictException, and MessagesRoutes answers 409 with its message.
    if (messages.has(id)) return reply(409, { message: 'Message with the same ID already exists' });
    lastCreatedAt = Math.max(phoneNow(), lastCreatedAt + 1);
    const message: StoredMessage = {
      id,
      text,
      phoneNumbers: phoneNumbers.map(String),
      withDeliveryReport: request.withDeliveryReport !== false,
      simNumber,
      validUntil,
      createdAt: lastCreatedAt,
      state: 'Pending',
      error: null,
      states: { Pending: phoneNow() },
    };
    messages.set(id, message);
    return reply(202, messageState(message));
  }

  function getInbox(query: URLSearchParams): Reply {
    if (!hasInbox) return reply(404);
    const type = query.get('type') || null;
    if (type && !['SMS', 'DATA_SMS', 'MMS', 'MMS_DOWNLOADED'].includes(type))
      return badRequest('Invalid type');
    const limit = Number(query.get('limit') ?? 50);
    const offsetRows = Number(query.get('offset') ?? 0);
    if (!(limit >= 1 && limit <= 500)) return badRequest('limit must be between 1 and 500');
    if (offsetRows < 0) return badRequest('offset must be >= 0');
    const fromRaw = query.get('from');
    const toRaw = query.get('to');
    let from: number | null;
    let to: number | null;
    try {
      from = fromRaw === null ? 0 : parseAppDate(fromRaw, android);
      to = toRaw === null ? phoneNow() : parseAppDate(toRaw, android);
    } catch (error) {
      // StatusPages: an IllegalArgumentException is a 400 with its message.
      return badRequest((error as Error).message);
    }
    if (from === null) return badRequest('Invalid from datetime');
    if (to === null) return badRequest('Invalid to datetime');
    if (from > to) return badRequest('Start date cannot be after end date');
    // Every stored message here is a text SMS; other types would be filtered out by `type`.
    const matching = inbox
      .filter((sms) => sms.createdAt >= from && sms.createdAt <= to)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return reply(
      200,
      matching.slice(offsetRows, offsetRows + limit).map((sms) => ({
        id: sms.id,
        type: 'SMS',
        sender: sms.sender,
        simNumber: sms.simNumber,
        contentPreview: sms.text,
        createdAt: date(sms.createdAt),
        attachments: [],
      })),
      { 'X-Total-Count': String(matching.length) },
    );
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown): Reply {
    const message = /^\/messages?\/([^/]+)$/.exec(path);
    if (method === 'GET' && path === '/')
      return reply(200, { status: 'ok', model: options.model ?? 'Pixel 7' });
    if (method === 'POST' && (path === '/message' || path === '/messages'))
      return postMessage(body);
    if (method === 'GET' && message?.[1]) {
      const stored = messages.get(decodeURIComponent(message[1]));
      return stored ? reply(200, messageState(stored)) : reply(404);
    }
    if (method === 'GET' && path === '/inbox') return getInbox(query);
    if (method === 'GET' && path === '/settings') return reply(200, settings());
    if (method === 'PATCH' && path === '/settings') return patchSettings(body);
    return reply(404);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://phone');
      const method = req.method ?? '';
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        body = raw;
      }
      const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      const authorized = req.headers.authorization === expected;
      requests.push({ method, path: url.pathname, query: url.searchParams, authorized, body });
      const answer =
        path === '/health'
          ? health()
          : authorized
            ? route(method, path, url.searchParams, body)
            : reply(401, undefined, {
                'WWW-Authenticate': 'Basic realm="Access to SMS Gateway", charset=UTF-8',
              });
      if (loseAnswerTo === `${method} ${path}`) {
        loseAnswerTo = null;
        res.socket?.destroy();
        return;
      }
      res.writeHead(answer.status, {
        ...answer.headers,
        ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }),
      });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    username,
    requests,
    outbox: () => [...messages.values()],
    receive({ sender, text, at, sim = 1 }) {
      // Subscription ids are not slot numbers on a real phone; one per SIM is what matters here.
      const id = incomingSmsId({ sender, text, at, subscriptionId: sim }, version);
      const stored = inbox.findIndex((sms) => sms.id === id);
      if (stored >= 0 && versionAtLeast(version, '1.65.2')) return id;
      if (stored >= 0) inbox.splice(stored, 1);
      inbox.push({ id, sender, text, simNumber: sim, createdAt: at });
      return id;
    },
    setState(id, state, error) {
      const message = messages.get(id);
      if (!message) throw new Error(`No message ${id} on the emulated phone`);
      moveTo(message, state, error ?? null);
    },
    sendQueued() {
      const sent: string[] = [];
      const queued = [...messages.values()]
        .filter((m) => m.state === 'Pending')
        .sort((a, b) =>
          processingOrder === 'FIFO' ? a.createdAt - b.createdAt : b.createdAt - a.createdAt,
        );
      for (const message of queued) {
        if (message.validUntil !== null && message.validUntil < phoneNow()) {
          moveTo(message, 'Failed', 'TTL expired');
          continue;
        }
        moveTo(message, 'Processed');
        moveTo(message, 'Sent');
        sent.push(message.id);
      }
      return sent;
    },
    processingOrder: () => processingOrder,
    advanceClock(ms) {
      clockOffset += ms;
    },
    setBattery(next) {
      battery = next;
    },
    setPassword(next) {
      password = next;
    },
    withoutInbox() {
      hasInbox = false;
    },
    loseNextAnswer(what) {
      loseAnswerTo = what;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
