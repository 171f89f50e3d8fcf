/**
 * For tests: a local HTTP server that answers as the SMS Gateway for Android app's local server
 * does (modules/localserver in capcom6/android-sms-gateway): Basic auth with Ktor's 401 challenge,
 * POST /messages validated as PostMessageRequest.validate() does, GET /messages/{id}, GET /inbox
 * filtered, sorted (createdAt DESC, id DESC) and paged as IncomingMessagesDao.select, Gson's date
 * format in the phone's time zone, and {"message": ...} error bodies. Tests move message states
 * and put SMS in the inbox by hand, as the radio would.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProcessingState } from './schemas';

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
  state: ProcessingState;
  error: string | null;
  states: Partial<Record<ProcessingState, number>>;
}

interface StoredSms {
  id: string;
  sender: string;
  text: string;
  createdAt: number;
}

export interface GatewayEmulator {
  url: string;
  username: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Messages enqueued through POST /messages, in order. */
  outbox(): readonly StoredMessage[];
  /** The phone receives an SMS stamped `at` (epoch ms); returns the app's id for it. */
  receive(sms: { sender: string; text: string; at: number }): string;
  /** The radio moves a sent message on (Sent, Delivered, Failed with `error`...). */
  setState(id: string, state: ProcessingState, error?: string): void;
  /** The owner changes the password in the app. */
  setPassword(password: string): void;
  /** Answers 404 to GET /inbox, as the app did before version 1.59.0. */
  withoutInbox(): void;
  close(): Promise<void>;
}

/** Gson's "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in a zone `offsetMinutes` from UTC (São Paulo: -180). */
export function gsonDate(instant: number, offsetMinutes: number): string {
  const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** DateTimeParser.parseIsoDateTime: "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX", anything else is null. */
function parseAppDate(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return null;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : instant;
}

/** Java's String.hashCode, as the app's incoming ids ("text:" + hashCode) are made. */
function javaHash(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

/** Starts the emulator on 127.0.0.1 at a free port. */
export async function startGatewayEmulator(
  options: { username?: string; password?: string; model?: string; offsetMinutes?: number } = {},
): Promise<GatewayEmulator> {
  const username = options.username ?? 'sms';
  let password = options.password ?? 'senha-do-celular';
  const offset = options.offsetMinutes ?? -180;
  const requests: RecordedRequest[] = [];
  const messages = new Map<string, StoredMessage>();
  const inbox: StoredSms[] = [];
  let hasInbox = true;

  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const badRequest = (res: ServerResponse, message: string) => json(res, 400, { message });

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
    states: Object.fromEntries(
      Object.entries(m.states).map(([state, at]) => [state, gsonDate(at, offset)]),
    ),
  });

  function postMessage(res: ServerResponse, body: unknown) {
    if (!body || typeof body !== 'object') return badRequest(res, 'Failed to convert request body');
    const request = body as Record<string, unknown>;
    const kinds = [request.textMessage, request.dataMessage, request.message].filter(
      (kind) => kind !== undefined && kind !== null,
    );
    if (kinds.length === 0)
      return badRequest(res, 'Must specify exactly one of: textMessage, dataMessage, or message');
    if (kinds.length > 1)
      return badRequest(res, 'Cannot specify multiple message types simultaneously');
    const text =
      typeof request.message === 'string'
        ? request.message
        : (request.textMessage as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string') return badRequest(res, 'Only text messages are emulated');
    if (text === '') return badRequest(res, 'Text message is empty');
    const phoneNumbers = request.phoneNumbers;
    if (!Array.isArray(phoneNumbers) || phoneNumbers.length === 0)
      return badRequest(res, 'Empty phone numbers list');
    const id =
      typeof request.id === 'string'
        ? request.id
        : randomBytes(16).toString('base64url').slice(0, 21);
    // ConflictException has no message, and Gson leaves the null out.
    if (messages.has(id)) return json(res, 409, {});
    const message: StoredMessage = {
      id,
      text,
      phoneNumbers: phoneNumbers.map(String),
      withDeliveryReport: request.withDeliveryReport !== false,
      state: 'Pending',
      error: null,
      states: { Pending: Date.now() },
    };
    messages.set(id, message);
    json(res, 202, messageState(message));
  }

  function getInbox(res: ServerResponse, query: URLSearchParams) {
    if (!hasInbox) return json(res, 404);
    const type = query.get('type') || null;
    if (type && !['SMS', 'DATA_SMS', 'MMS', 'MMS_DOWNLOADED'].includes(type))
      return badRequest(res, 'Invalid type');
    const limit = Number(query.get('limit') ?? 50);
    const offsetRows = Number(query.get('offset') ?? 0);
    if (!(limit >= 1 && limit <= 500)) return badRequest(res, 'limit must be between 1 and 500');
    if (offsetRows < 0) return badRequest(res, 'offset must be >= 0');
    const fromRaw = query.get('from');
    const toRaw = query.get('to');
    const from = fromRaw === null ? 0 : parseAppDate(fromRaw);
    if (from === null) return badRequest(res, 'Invalid from datetime');
    const to = toRaw === null ? Date.now() : parseAppDate(toRaw);
    if (to === null) return badRequest(res, 'Invalid to datetime');
    if (from > to) return badRequest(res, 'Start date cannot be after end date');
    // Every stored message here is a text SMS; other types would be filtered out by `type`.
    const matching = inbox
      .filter((sms) => sms.createdAt >= from && sms.createdAt <= to)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    res.setHeader('X-Total-Count', String(matching.length));
    json(
      res,
      200,
      matching.slice(offsetRows, offsetRows + limit).map((sms) => ({
        id: sms.id,
        type: 'SMS',
        sender: sms.sender,
        simNumber: 1,
        contentPreview: sms.text,
        createdAt: gsonDate(sms.createdAt, offset),
        attachments: [],
      })),
    );
  }

  function route(req: IncomingMessage, res: ServerResponse, url: URL, body: unknown) {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const message = /^\/messages?\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && path === '/')
      return json(res, 200, { status: 'ok', model: options.model ?? 'Pixel 7' });
    if (req.method === 'POST' && (path === '/message' || path === '/messages'))
      return postMessage(res, body);
    if (req.method === 'GET' && message?.[1]) {
      const stored = messages.get(decodeURIComponent(message[1]));
      return stored ? json(res, 200, messageState(stored)) : json(res, 404);
    }
    if (req.method === 'GET' && path === '/inbox') return getInbox(res, url.searchParams);
    json(res, 404);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://phone');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        body = raw;
      }
      const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      const authorized = req.headers.authorization === expected;
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorized,
        body,
      });
      if (url.pathname !== '/health' && !authorized) {
        res.writeHead(401, {
          'WWW-Authenticate': 'Basic realm="Access to SMS Gateway", charset=UTF-8',
        });
        return res.end();
      }
      route(req, res, url, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    username,
    requests,
    outbox: () => [...messages.values()],
    receive({ sender, text, at }) {
      const id = `text:${javaHash(`${sender}\0${at}\0${text}`)}`;
      inbox.push({ id, sender, text, createdAt: at });
      return id;
    },
    setState(id, state, error) {
      const message = messages.get(id);
      if (!message) throw new Error(`No message ${id} on the emulated phone`);
      message.state = state;
      message.error = error ?? null;
      message.states[state] = Date.now();
    },
    setPassword(next) {
      password = next;
    },
    withoutInbox() {
      hasInbox = false;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
