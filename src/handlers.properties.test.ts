/**
 * Every method of the API, through the handler table both transports serve, over a real
 * database: inputs read from each method's own schema (so a new method is covered as soon as it
 * is in the contract) and hostile mutations of them. Whatever comes in, the answer is a result or
 * a clear refusal (bad_input, not_found, conflict), never an internal error or a leaked
 * exception; a refused input changes nothing (every table, row for row, and the secret store);
 * a read changes nothing; and what is accepted is stored as the app normalises it.
 *
 * Channel accounts run on the in-memory fake channel (channels/testing/channel-emulator.ts): adding a real
 * account would need a real Telegram bot, WhatsApp number or SMS phone.
 */
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeEmail } from './customers/contact-lookup';
import { normalizePhone } from './customers/phone';
import { registryOf } from './channels/registry';
import { secretsFileFor } from './channels/secrets';
import { createChannelService, type ChannelService } from './channels/service';
import { CHANNELS } from './shared/domain';
import { dumpDatabase, dumpDifference, type DatabaseDump } from './testing/database-dump';
import { emulatedChannel, type EmulatedNetwork } from './channels/testing/channel-emulator';
import { event, tempCore, whatsapp, type TestCore } from './testing/fixtures';
import { awkwardText, isRecord, mutated } from './testing/hostile-input';
import { holds, PROPERTY_TIMEOUT, reportCasesTried, RUNS } from './testing/properties';
import { arbitraryOf, numberKeys, type Overrides } from './testing/schema-arbitrary';
import { contract, type Method } from './api/contract';
import { ApiError } from './api/errors';
import type { Caller } from './api/local-only';
import { invoke } from './api/invoke';
import { createHandlers } from './handlers';
import type { CustomerDetail, Message, Note } from './api/types';

reportCasesTried('API methods');

/** Methods that only read: nothing may change, whether they answer or refuse. */
const READS = new Set<Method>([
  'customers.list',
  'customers.count',
  'customers.stats',
  'customers.newPerDay',
  'customers.get',
  'tags.list',
  'dataRequests.list',
  'conversations.list',
  'conversations.get',
  'conversations.unreadTotal',
  'conversations.messages',
  'channels.drivers',
  'channels.list',
  'settings.get',
  'settings.environment',
]);

/**
 * Methods whose effects live partly outside the database (the running connectors, the cached
 * settings, an erased person's picture files and the file rebuilt by VACUUM, which no savepoint
 * can hold): their cases run one after another on one evolving database. Every other case runs
 * inside a savepoint rolled back after it, so each starts from the same seeded data.
 */
const OUTSIDE_THE_DATABASE = new Set<Method>([
  'customers.erase',
  'channels.add',
  'channels.remove',
  'channels.setEnabled',
  'channels.action',
  'settings.update',
]);

const TOKEN = '123456:AAH-valid-token-0001';

/** The desktop app (IPC, the owner's computer) and host mode (the office network). */
const CALLERS = fc.constantFrom<Caller>('local', 'network');

/** Fields the schemas cannot describe: a refinement (time zones), realistic forms. */
const OVERRIDES: Overrides = {
  timeZone: fc.oneof(fc.constantFrom(...Intl.supportedValuesOf('timeZone')), awkwardText(40)),
  phone: fc.oneof(
    fc.constantFrom('+55 11 99999-8888', '(21) 98888-7777', '11 9999-8888', '+1 415 555 2671'),
    awkwardText(40),
  ),
  email: fc.oneof(fc.emailAddress(), awkwardText(60)),
  action: fc.oneof(
    fc.constantFrom('ping', 'importHistory', 'toString', '__proto__'),
    awkwardText(),
  ),
  account: fc.oneof(fc.constantFrom('default', 'loja', 'nova', 'default-2'), awkwardText(40)),
  fields: fc.oneof(
    fc.record(
      {
        token: fc.oneof(fc.constant(TOKEN), fc.stringMatching(/^\d{3,9}:[\w-]{10,20}$/)),
        apiRoot: fc.oneof(fc.webUrl(), awkwardText(40)),
        allowGroups: fc.oneof(fc.boolean(), fc.constantFrom('sim', 'não', 'talvez')),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(awkwardText(20), awkwardText(40), { maxKeys: 3 }),
  ),
};

interface Setup {
  core: TestCore;
  channels: ChannelService;
  networks: EmulatedNetwork[];
}

let setup: Setup | null = null;
afterEach(async () => {
  await setup?.channels.stop();
  setup?.core.dispose();
  setup = null;
});

/**
 * A database with something of everything: customers of every channel with notes and tags, a
 * person who wrote while auto-creation was off, sent, pending and failed replies, and channel
 * accounts on the fake channel. Their connectors run only for the channel methods: elsewhere a
 * case's pending reply would leave after its savepoint was rolled back.
 */
async function seeded(method: Method): Promise<Setup> {
  const core = tempCore();
  const fakes = CHANNELS.map((channel) => emulatedChannel(channel));
  const channels = createChannelService(core, {
    registry: registryOf(fakes.map((f) => f.driver)),
    log: { info: () => undefined, error: () => undefined },
    reconcileEveryMs: 0,
  });
  setup = { core, channels, networks: fakes.map((f) => f.network) };
  core.inbox.ingestBatch([
    whatsapp('5511999998888', { displayName: 'Maria Souza', text: 'Olá! 😀' }),
    whatsapp('5511999998888', { direction: 'out', text: 'Bom dia, Maria' }),
    event({ channel: 'sms', externalUserId: '+5511999998888', text: 'Sou eu de novo' }),
    event({ channel: 'telegram', externalUserId: '4242', username: 'joao', displayName: 'João' }),
    event({ channel: 'webchat', externalUserId: 'v-1', email: 'ana@exemplo.com', text: 'Oi' }),
    whatsapp('5521988887777', { displayName: 'عمر', text: 'مرحبا' }),
  ]);
  core.settings.update({ autoCreateCustomers: false });
  core.inbox.ingest(
    event({ channel: 'telegram', externalUserId: '777', displayName: 'Sem ficha' }),
  );
  core.settings.update({ autoCreateCustomers: true });
  const [maria, , ana] = core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items;
  core.customers.editor.update(maria!.id, { tags: ['vip', 'atacado'] });
  core.customers.editor.addNote(maria!.id, 'Prefere entrega à tarde');
  core.customers.editor.addNote(ana!.id, 'Pediu orçamento');
  const conversation = core.conversations.list({ limit: 10 }).items[0]!.id;
  const failed = core.conversations.send(conversation, 'Seu pedido saiu');
  core.conversations.setStatus(failed.id, 'failed', { error: 'The channel refused the message' });
  core.conversations.send(conversation, 'Ainda aqui?');
  await channels.add({ channel: 'telegram', account: 'loja', fields: { token: TOKEN } });
  await channels.add({ channel: 'whatsapp', account: 'default', fields: { token: TOKEN } });
  if (method.startsWith('channels.')) {
    await channels.start();
    // The pending reply leaves through the fake channel: the database is settled from here on.
    await until(() => !core.db.prepare("SELECT 1 FROM messages WHERE status = 'pending'").get());
  }
  return setup;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
}

/** Everything a call could change: every table, and the secret store beside the database. */
function snapshot({ core }: Setup): { db: DatabaseDump; secrets: string | null } {
  const file = secretsFileFor(core.file);
  return {
    db: dumpDatabase(core.db, { searchIndex: true }),
    secrets: existsSync(file) ? readFileSync(file, 'utf8') : null,
  };
}

/**
 * A refusal as the person sees it: a known kind and a sentence, no program internals. Over the
 * network (host mode), a setting only the owner's computer may change is refused as `local_only`.
 */
function expectClearRefusal(error: unknown, caller: Caller): void {
  if (!(error instanceof ApiError)) throw error;
  const refusals = ['bad_input', 'not_found', 'conflict'];
  if (caller === 'network') refusals.push('local_only');
  expect(refusals, error.message).toContain(error.code);
  expect(error.message.trim()).not.toBe('');
  expect(error.message).not.toMatch(
    /SqliteError|SQLITE_|TypeError|ReferenceError|RangeError|\bat \S+ \(|\[object Object\]|\bundefined\b/,
  );
}

/** What an accepted call must have stored: the input as the app normalises it, read back. */
const STORED: Partial<Record<Method, (input: never, result: never, s: Setup) => void>> = {
  'customers.create'(
    input: {
      displayName: string;
      phone?: string | null;
      email?: string | null;
      tags?: string[];
      note?: string | null;
    },
    result: CustomerDetail,
    { core },
  ) {
    const region = core.settings.get().defaultRegion;
    expect(result.displayName).toBe(input.displayName);
    if (input.phone) expect(result.phone).toBe(normalizePhone(input.phone, region));
    if (input.email) expect(result.email).toBe(normalizeEmail(input.email));
    if (input.tags)
      expect(lower(result.tags)).toEqual(lower([...new Set(input.tags.map((t) => t.trim()))]));
    if (input.note) expect(result.notes.map((n) => n.body)).toContain(input.note);
    expect(core.customers.detail.get(result.id)).toEqual(result);
  },
  'customers.update'(
    input: {
      id: number;
      displayName?: string;
      phone?: string | null;
      email?: string | null;
      tags?: string[];
    },
    result: CustomerDetail,
    { core },
  ) {
    const region = core.settings.get().defaultRegion;
    if (input.displayName !== undefined) expect(result.displayName).toBe(input.displayName);
    if (input.phone) expect(result.phone).toBe(normalizePhone(input.phone, region));
    if (input.email) expect(result.email).toBe(normalizeEmail(input.email));
    if (input.tags)
      expect(lower(result.tags)).toEqual(lower([...new Set(input.tags.map((t) => t.trim()))]));
    expect(core.customers.detail.get(input.id)).toEqual(result);
  },
  'customers.addNote'(input: { customerId: number; body: string }, result: Note, { core }) {
    expect(result.body).toBe(input.body);
    expect(core.customers.detail.get(input.customerId).notes).toContainEqual(result);
  },
  'customers.updateNote'(input: { body: string }, result: Note) {
    expect(result.body).toBe(input.body);
  },
  'conversations.send'(input: { conversationId: number; text: string }, result: Message, { core }) {
    expect([result.text, result.direction, result.status]).toEqual([input.text, 'out', 'pending']);
    const page = core.conversations.messages({ conversationId: input.conversationId, limit: 500 });
    expect(page.items).toContainEqual(result);
  },
  'conversations.start'(input: { text: string }, result: { message: Message }) {
    expect([result.message.text, result.message.status]).toEqual([input.text, 'pending']);
  },
  'settings.update'(input: object, result: object, { core }) {
    expect(result).toMatchObject(withoutUndefined(input));
    expect(core.settings.get()).toEqual(result);
  },
};

const lower = (tags: string[]) => tags.map((t) => t.toLowerCase()).sort();
const withoutUndefined = (input: object) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

/** One case: the call, by the desktop app or over the network, then what must hold after it. */
async function tryCase(s: Setup, method: Method, input: unknown, from: Caller): Promise<void> {
  const { core } = s;
  const handlers = createHandlers(core, s.channels, { from });
  const isolated = !OUTSIDE_THE_DATABASE.has(method);
  const before = snapshot(s);
  if (isolated) core.db.exec('SAVEPOINT property_case');
  try {
    const call = invoke(handlers, method, input);
    // The fake history import waits to be finished, as a long import on a real channel would.
    for (const network of s.networks) network.finishImport?.();
    const outcome = await call.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const after = snapshot(s);
    if (!outcome.ok) {
      expectClearRefusal(outcome.error, from);
      expect(dumpDifference(before.db, after.db), 'a refused call changed the database').toEqual(
        [],
      );
      expect(after.secrets, 'a refused call changed the secret store').toBe(before.secrets);
      return;
    }
    if (READS.has(method))
      expect(dumpDifference(before.db, after.db), 'a read changed the database').toEqual([]);
    expect(core.db.pragma('foreign_key_check'), 'rows pointing nowhere').toEqual([]);
    const parsed = contract[method].input.parse(input) as never;
    STORED[method]?.(parsed, outcome.value as never, s);
  } finally {
    if (isolated) core.db.exec('ROLLBACK TO property_case; RELEASE property_case');
  }
}

describe('every API method, given anything', () => {
  for (const method of Object.keys(contract) as Method[]) {
    it(
      `${method}: answers or refuses clearly, and a refusal changes nothing`,
      async () => {
        const s = await seeded(method);
        const valid = arbitraryOf(contract[method].input, OVERRIDES);
        const input = fc.oneof(valid, mutated(valid));
        await holds(
          fc.asyncProperty(input, CALLERS, (value, from) => tryCase(s, method, value, from)),
        );
      },
      PROPERTY_TIMEOUT,
    );
  }
});

/** What z.coerce used to read as a number: none of it is one. */
const NOT_NUMBERS = [true, false, [], [1], {}, '', ' ', '0x10', '1e3', '1.0', '-1', new Date(0)];

describe('every number an API method takes (ids, limits)', () => {
  for (const method of Object.keys(contract) as Method[]) {
    const keys = numberKeys(contract[method].input);
    if (keys.length === 0) continue;
    it(
      `${method}: refuses a value of another type in ${keys.join(', ')}`,
      async () => {
        const s = await seeded(method);
        const valid = arbitraryOf(contract[method].input, OVERRIDES).filter(isRecord);
        const wrong = fc.tuple(valid, fc.constantFrom(...keys), fc.constantFrom(...NOT_NUMBERS));
        await holds(
          fc.asyncProperty(wrong, async ([input, key, value]) => {
            const before = snapshot(s);
            const refused = await invoke(createHandlers(s.core, s.channels), method, {
              ...input,
              [key]: value,
            }).then(
              () => null,
              (error: unknown) => error,
            );
            expect(refused, `${key}: ${JSON.stringify(value)}`).toBeInstanceOf(ApiError);
            expect((refused as ApiError).code).toBe('bad_input');
            expect(dumpDifference(before.db, snapshot(s).db)).toEqual([]);
          }),
          { numRuns: Math.ceil(RUNS / 4) },
        );
      },
      PROPERTY_TIMEOUT,
    );
  }
});
