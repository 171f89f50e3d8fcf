/**
 * For tests: a small Bot API server on this machine that answers the methods the emulator lacks
 * as https://core.telegram.org/bots/api documents them: getUpdates with its offset (an update is
 * kept until a poll asks past it) and its long-poll timeout, getUserProfilePhotos, getFile and the
 * file download at /file/bot<token>/<file_path>, and the refusals (401 for a wrong token, 403 for
 * a person who blocked the bot). A test can hold a method's answers to kill the bot in between: a
 * send held before Telegram takes it, or after (the person has it, the answer is still on its way).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, PhotoSize, Update, User } from 'node-telegram-bot-api';

type Params = Record<string, string>;

export interface BotApiEmulator {
  /** The apiRoot to give the connector. */
  url: string;
  /** Every Bot API call received, in order (file downloads as method "file"). */
  calls: { method: string; params: Params }[];
  /** The messages the bot sent that Telegram took (each reached its person), in order. */
  sent: Message[];
  /** Queues a private message from `user`, as Telegram would hand it to the bot. */
  userWrites(user: User, fields: Partial<Message>): Update;
  /** Gives `user` a profile photo whose largest size holds `bytes`. */
  setProfilePhoto(userId: number, bytes: Uint8Array): void;
  /** From now on the person has blocked the bot. */
  block(userId: number): void;
  /** The bot's token is revoked: every call answers 401. */
  revokeToken(): void;
  /**
   * Holds every call of `method` from now until `release()`: with `taken: false` before Telegram
   * acts on it (a caller that goes away meanwhile changed nothing), with `taken: true` after (a
   * message is sent; only the answer waits, and is lost if the caller goes away).
   */
  hold(method: string, options: { taken: boolean }): Hold;
  /** The next call of `method` is refused with 429 Too Many Requests, to retry after `seconds`. */
  floodWait(method: string, seconds: number): void;
  /** Stops answering (the connection is refused) until `resume`. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface Hold {
  /** How many calls have arrived and wait. */
  arrived(): number;
  /** Answers the waiting calls, and the later ones at once. */
  release(): void;
  /** Drops the waiting calls' connections without an answer (lost on the way), then releases. */
  drop(): void;
}

/** What a method answers: an HTTP status and body, or nothing when its caller went away. */
type Answer = { status: number; body: unknown } | null;

const BOT: User = { id: 7012345678, is_bot: true, first_name: 'Loja', username: 'loja_bot' };

async function readParams(request: IncomingMessage, url: URL): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const params = Object.fromEntries(url.searchParams);
  if (!body) return params;
  if (request.headers['content-type']?.includes('application/json'))
    return { ...params, ...(JSON.parse(body) as Params) };
  return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const refusal = (code: number, description: string, parameters?: object): Answer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});
const refuse = (response: ServerResponse, code: number, description: string) =>
  reply(response, code, refusal(code, description)!.body);

/** Resolves when the caller has gone away (its connection closed before an answer). */
const goneAway = (response: ServerResponse) =>
  new Promise<void>((resolve) => response.on('close', () => resolve()));

/** Starts the server for the bot whose token is `token`, on 127.0.0.1 and a free port. */
export async function startBotApiEmulator(token: string): Promise<BotApiEmulator> {
  let updates: Update[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let revoked = false;
  const photos = new Map<number, PhotoSize[]>();
  const files = new Map<string, Uint8Array>();
  const blocked = new Set<number>();
  const waiting = new Set<() => void>();
  const calls: BotApiEmulator['calls'] = [];
  const sent: Message[] = [];
  const floodWaits = new Map<string, number>();
  const holds = new Map<
    string,
    { taken: boolean; waiting: ServerResponse[]; released: Promise<void> }
  >();

  const wakePolls = () => [...waiting].forEach((wake) => wake());

  /** getUpdates: forget what the offset confirms, answer what is left, or wait for news. */
  async function getUpdates(params: Params, response: ServerResponse): Promise<Answer> {
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    updates = updates.filter((u) => u.update_id >= offset);
    if (updates.length === 0 && Number(params.timeout) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Number(params.timeout) * 1000);
        function done() {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        }
        waiting.add(done);
        response.on('close', done);
      });
    }
    if (response.destroyed) return null;
    if (revoked) return refusal(401, 'Unauthorized');
    return ok(updates.slice(0, Number(params.limit ?? 100)));
  }

  const methods: Record<
    string,
    (params: Params, response: ServerResponse) => Answer | Promise<Answer>
  > = {
    getMe: () => ok(BOT),
    getUpdates,
    sendMessage: (params) => {
      const chatId = Number(params.chat_id);
      if (blocked.has(chatId)) return refusal(403, 'Forbidden: bot was blocked by the user');
      const message: Message = {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
        from: BOT,
        text: params.text,
      };
      sent.push(message);
      return ok(message);
    },
    getUserProfilePhotos: (params) => {
      const sizes = photos.get(Number(params.user_id));
      return ok({ total_count: sizes ? 1 : 0, photos: sizes ? [sizes] : [] });
    },
    getFile: (params) => {
      if (!files.has(params.file_id!)) return refusal(400, 'Bad Request: invalid file_id');
      const path = `photos/${params.file_id}.jpg`;
      return ok({
        file_id: params.file_id,
        file_unique_id: `u${params.file_id}`,
        file_path: path,
      });
    },
  };

  /** Runs a method, held before or after it acts when the test asked so. */
  async function answer(name: string, params: Params, response: ServerResponse): Promise<Answer> {
    const method = methods[name];
    if (!method) return refusal(404, 'Not Found: method not found');
    const wait = floodWaits.get(name);
    if (wait !== undefined) {
      floodWaits.delete(name);
      return refusal(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
    const hold = holds.get(name);
    if (!hold) return method(params, response);
    const gone = goneAway(response);
    hold.waiting.push(response);
    if (!hold.taken) {
      await Promise.race([hold.released, gone]);
      if (response.destroyed) return null;
    }
    const result = await method(params, response);
    await Promise.race([hold.released, gone]);
    return response.destroyed ? null : result;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = url.pathname.match(/^\/file\/bot([^/]+)\/photos\/([^/]+)\.jpg$/);
    if (file) {
      calls.push({ method: 'file', params: { file_id: file[2]! } });
      const bytes = file[1] === token && !revoked ? files.get(file[2]!) : undefined;
      if (!bytes) return refuse(response, 404, 'Not Found');
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      return response.end(bytes);
    }
    const call = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!call) return refuse(response, 404, 'Not Found');
    const params = await readParams(request, url);
    calls.push({ method: call[2]!, params });
    if (call[1] !== token || revoked) return refuse(response, 401, 'Unauthorized');
    const result = await answer(call[2]!, params, response);
    if (result) reply(response, result.status, result.body);
  }

  const server = createServer((request, response) => void handle(request, response));
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent,
    userWrites(user, fields) {
      const message: Message = {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: {
          id: user.id,
          type: 'private',
          first_name: user.first_name,
          username: user.username,
        },
        from: user,
        ...fields,
      };
      const update: Update = { update_id: nextUpdateId++, message };
      updates.push(update);
      wakePolls();
      return update;
    },
    setProfilePhoto(userId, bytes) {
      const fileId = `photo${userId}`;
      files.set(fileId, bytes);
      photos.set(userId, [
        { file_id: `${fileId}small`, file_unique_id: 's', width: 160, height: 160 },
        { file_id: fileId, file_unique_id: 'm', width: 320, height: 320 },
        { file_id: `${fileId}big`, file_unique_id: 'b', width: 640, height: 640 },
      ]);
    },
    block: (userId) => void blocked.add(userId),
    revokeToken() {
      revoked = true;
      // A poll waiting for news ends with the refusal, as the next call would.
      wakePolls();
    },
    hold(method, { taken }) {
      let release!: () => void;
      const state = {
        taken,
        waiting: [] as ServerResponse[],
        released: new Promise<void>((r) => (release = r)),
      };
      holds.set(method, state);
      const done = () => {
        if (holds.get(method) === state) holds.delete(method);
        release();
      };
      return {
        arrived: () => state.waiting.length,
        release: done,
        drop() {
          for (const response of state.waiting) response.socket?.destroy();
          done();
        },
      };
    },
    floodWait: (method, seconds) => void floodWaits.set(method, seconds),
    pause: stop,
    resume: () => listen(port),
    close: stop,
  };
}
