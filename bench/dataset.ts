/**
 * The bench's data set: deterministic (seeded, no Math.random) and shaped like a real inbox.
 *
 * People arrive in order of first contact over three years. Each writes a burst of messages
 * (most people once, a few many times), interleaved with the ~40 other conversations going on at
 * the same time, so one person's messages sit close together in the stream. Some come back
 * weeks later, and some WhatsApp people also text from the same phone by SMS (one customer, two
 * identities). Every attribute of a person is a function of their index alone, so the data set
 * is generated in batches and never held in memory whole.
 */
import type { InboundEvent } from '../src/inbox/inbound-event';
import type { Channel, Direction } from '../src/shared/domain';
import {
  AREA_CODES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  INBOUND_TEXTS,
  OUTBOUND_TEXTS,
  SURNAMES,
} from './names';

/** The bench's fixed "now": every timestamp lies in the three years before it. */
export const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const SPAN = 3 * 365 * DAY;
const SEED = 20261124;

/** Messages per person, for each ten people: 30 in all, so a mean of exactly 3. */
const COUNTS = [1, 1, 1, 1, 2, 2, 3, 4, 6, 9];
/** Conversations going on at once: how far apart one person's messages land in the stream. */
const CONCURRENT = 40;

/** mulberry32: a small seeded generator. */
export function random(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** murmur3's finalizer: spreads neighbouring integers over 32 bits. */
export function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Person {
  index: number;
  channel: Channel;
  account: string;
  externalUserId: string;
  displayName: string | null;
  phone: string | null;
  email: string | null;
  username: string | null;
  language: string | null;
  /** E.164 number this WhatsApp person also texts from by SMS, or null. */
  smsFrom: string | null;
  firstAt: number;
}

interface Planned {
  person: Person;
  /** The message's number within its conversation (Telegram ids count per chat). */
  m: number;
  at: number;
  direction: Direction;
  bySms: boolean;
}

/** What the data set turned out to hold; filled while it is generated. */
export interface Tally {
  people: number;
  messages: number;
  inbound: number;
  byChannel: Record<Channel, number>;
  peopleByChannel: Record<Channel, number>;
  /** WhatsApp people who also wrote by SMS: one customer with two identities. */
  alsoSms: number;
  /** Messages from people coming back weeks after their first conversation. */
  returning: number;
  withEmail: number;
  unnamed: number;
}

export const emptyTally = (): Tally => ({
  people: 0,
  messages: 0,
  inbound: 0,
  byChannel: { whatsapp: 0, telegram: 0, webchat: 0, sms: 0 },
  peopleByChannel: { whatsapp: 0, telegram: 0, webchat: 0, sms: 0 },
  alsoSms: 0,
  returning: 0,
  withEmail: 0,
  unnamed: 0,
});

/** Time of first contact of person `index`: spread evenly over the three years. */
const firstContact = (index: number, people: number, fraction: number) =>
  NOW - SPAN + Math.floor(((index + fraction) * SPAN) / people);

function person(index: number, people: number): Person {
  const rnd = random(mix(index ^ SEED));
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const first = pick(FIRST_NAMES);
  const last = pick(SURNAMES);
  const last2 = pick(SURNAMES);
  const ddd = pick(AREA_CODES);
  // A bijection of the index onto 60000000..99999999: every person has a phone of their own.
  const subscriber = String(60_000_000 + ((index * 48_271 + 7_654_321) % 40_000_000));
  const mobile = `55${ddd}9${subscriber}`;
  const kind = rnd();
  const base = {
    index,
    account: 'default',
    phone: null,
    email: null,
    username: null,
    language: null,
    smsFrom: null,
    firstAt: firstContact(index, people, rnd()),
  };
  if (kind < 0.6) {
    const r = rnd();
    const displayName =
      r < 0.55
        ? `${first} ${last}`
        : r < 0.7
          ? first
          : r < 0.8
            ? `${first} ${last} ${last2}`
            : r < 0.86
              ? `${fold(first)} ${fold(last)}`
              : r < 0.92
                ? `${first} ${last} ${pick(['🌻', '💙', '🙏', '✨', '⚽'])}`
                : null;
    // One in ten WhatsApp ids still carries the number without the ninth digit.
    const id = rnd() < 0.1 ? `55${ddd}${subscriber}` : mobile;
    return {
      ...base,
      channel: 'whatsapp',
      account: rnd() < 0.75 ? 'default' : 'vendas',
      externalUserId: `${id}@c.us`,
      displayName,
      phone: `+${id}`,
      smsFrom: rnd() < 0.05 ? `+${mobile}` : null,
    };
  }
  if (kind < 0.8) {
    const named = rnd() < 0.65;
    return {
      ...base,
      channel: 'telegram',
      externalUserId: String(5_000_000_000 + index * 7 + (mix(index) % 7)),
      displayName: named ? `${first} ${last}` : first,
      username: rnd() < 0.7 ? `${fold(first)}${rnd() < 0.5 ? '_' : ''}${fold(last)}${index}` : null,
      language: rnd() < 0.9 ? 'pt-br' : 'en',
    };
  }
  if (kind < 0.9) {
    const named = rnd() < 0.6;
    const withEmail = rnd() < 0.5;
    const withPhone = rnd() < 0.2;
    return {
      ...base,
      channel: 'webchat',
      externalUserId: `visitor-${mix(index ^ 0x77eb).toString(16)}-${index.toString(36)}`,
      displayName: named ? `${first} ${last}` : null,
      email: withEmail
        ? `${fold(first)}${rnd() < 0.5 ? '.' : ''}${fold(last)}${index}@${pick(EMAIL_DOMAINS)}`
        : null,
      // Typed into the chat form the way people write it: national, with punctuation.
      phone: withPhone ? `(${ddd}) 9${subscriber.slice(0, 4)}-${subscriber.slice(4)}` : null,
    };
  }
  return {
    ...base,
    channel: 'sms',
    externalUserId: `+${mobile}`,
    displayName: null,
    phone: `+${mobile}`,
  };
}

/** Messages of `count` for each person, in blocks of ten whose counts are shuffled. */
function messageCount(index: number): number {
  const block = Math.floor(index / COUNTS.length);
  const rnd = random(mix(block ^ (SEED * 31)));
  const counts = [...COUNTS];
  for (let i = counts.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [counts[i], counts[j]] = [counts[j]!, counts[i]!];
  }
  return counts[index % COUNTS.length]!;
}

function messageId(plan: Planned, seq: number, inbound: boolean): string {
  const hash = mix(seq ^ 0x1d5)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0');
  if (plan.bySms) return `SM${hash}${seq.toString(16).padStart(8, '0')}`;
  const p = plan.person;
  switch (p.channel) {
    case 'whatsapp':
      return `${!inbound}_${p.externalUserId}_3EB0${hash}${seq.toString(16).toUpperCase()}`;
    case 'telegram':
      return `${p.externalUserId}:${plan.m + 1}`;
    case 'webchat':
      return `wc_${seq.toString(36)}_${hash}`;
    case 'sms':
      return `SM${hash}${seq.toString(16).padStart(8, '0')}`;
  }
}

function toEvent(plan: Planned, seq: number): InboundEvent {
  const { person: p, direction } = plan;
  const inbound = direction === 'in';
  const texts = inbound ? INBOUND_TEXTS : OUTBOUND_TEXTS;
  const event: InboundEvent = {
    channel: plan.bySms ? 'sms' : p.channel,
    account: plan.bySms ? 'default' : p.account,
    direction,
    messageId: messageId(plan, seq, inbound),
    externalUserId: plan.bySms ? p.smsFrom! : p.externalUserId,
    text: texts[mix(seq ^ 0x7e57) % texts.length]!,
    timestamp: new Date(plan.at).toISOString(),
  };
  if (plan.bySms || p.channel === 'sms') {
    event.phone = event.externalUserId;
  } else if (inbound) {
    // Connectors carry profile fields on what the person sends, not on the business's replies.
    event.displayName = p.displayName;
    event.phone = p.phone;
    event.email = p.email;
    event.username = p.username;
    event.language = p.language;
  }
  return event;
}

export interface DatasetOptions {
  people: number;
  batchSize: number;
  /** Filled in as the data set is generated. */
  tally?: Tally;
}

/** The events of `people` people (three messages each on average), yielded in batches. */
export function* dataset({
  people,
  batchSize,
  tally = emptyTally(),
}: DatasetOptions): Generator<InboundEvent[]> {
  const rnd = random(SEED);
  const active: { plans: Planned[]; next: number }[] = [];
  /** Messages of people coming back later, by the index of the person arriving at that time. */
  const later = new Map<number, Planned[]>();
  let nextPerson = 0;
  let seq = 0;
  let batch: InboundEvent[] = [];

  function admit(index: number) {
    const p = person(index, people);
    const count = messageCount(index);
    const r = random(mix(index ^ 0xb0a710));
    const plans: Planned[] = [];
    let at = p.firstAt;
    for (let m = 0; m < count; m++) {
      if (m > 0) at += 5_000 + Math.floor(-Math.log(1 - r()) * 20 * MINUTE);
      const direction: Direction = r() < (m === 0 ? 0.9 : 0.6) ? 'in' : 'out';
      plans.push({
        person: p,
        m,
        at: Math.min(at, NOW - 1_000),
        direction,
        bySms: m === 1 && p.smsFrom !== null,
      });
    }
    // A third of the chatty people come back later (up to ~5 months) with their last message.
    if (count >= 4 && r() < 0.35) {
      const returnAt = index + 1 + Math.floor(r() * people * 0.15);
      if (returnAt < people) {
        const plan = plans.pop()!;
        plan.direction = r() < 0.85 ? 'in' : 'out';
        plan.at = Math.min(firstContact(returnAt, people, r()), NOW - 1_000);
        const queue = later.get(returnAt);
        if (queue) queue.push(plan);
        else later.set(returnAt, [plan]);
      }
    }
    tally.people++;
    tally.peopleByChannel[p.channel]++;
    if (p.smsFrom !== null && count >= 2) tally.alsoSms++;
    if (p.email !== null) tally.withEmail++;
    if (p.displayName === null) tally.unnamed++;
    active.push({ plans, next: 0 });
    const returning = later.get(index);
    if (returning) {
      later.delete(index);
      tally.returning += returning.length;
      for (const plan of returning) active.push({ plans: [plan], next: 0 });
    }
  }

  while (active.length > 0 || nextPerson < people) {
    while (active.length < CONCURRENT && nextPerson < people) admit(nextPerson++);
    const slot = Math.floor(rnd() * active.length);
    const conversation = active[slot]!;
    const plan = conversation.plans[conversation.next++]!;
    if (conversation.next === conversation.plans.length) {
      active[slot] = active[active.length - 1]!;
      active.pop();
    }
    const event = toEvent(plan, seq++);
    tally.messages++;
    tally.byChannel[event.channel]++;
    if (event.direction === 'in') tally.inbound++;
    batch.push(event);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Search terms an owner would type for people who exist in the data set: the start of the first
 * web-chat visitor's email and of the first Telegram username (found in the first batch).
 */
export function knownTerms(people: number): { email: string; username: string } {
  const [first = []] = dataset({ people, batchSize: 10_000 });
  const email = first.find((e) => e.email)?.email ?? 'maria.silva';
  const username = first.find((e) => e.username)?.username ?? 'maria_silva';
  return { email: email.slice(0, email.indexOf('@') - 1), username: username.slice(0, -1) };
}
