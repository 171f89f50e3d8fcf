/**
 * A customer's phone and email are indexed on the customer only when no identity of it that a
 * channel vouches for holds them (contact-lookup.ts `holdsOwnContact`): whatever a customer shows,
 * people writing from it join it, and searches and possible matches find it, as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  customerOf,
  event,
  iso,
  NOW,
  tempCore,
  type TestCore,
  whatsapp,
} from '../testing/fixtures';

let core: TestCore;
afterEach(() => core?.dispose());

const DAY = 86_400_000;
const search = (typed: string) =>
  core.customers.list
    .list({ sort: 'name', limit: 10, search: typed }, 'America/Sao_Paulo')
    .items.map((c) => c.label);
/** Customers whose own row is indexed by their phone or email. */
const ownContacts = () =>
  core.db
    .prepare('SELECT display_name AS name FROM customers WHERE own_contact = 1 ORDER BY id')
    .all()
    .map((r) => (r as { name: string }).name);

describe("a customer's own contact", () => {
  it('is not indexed twice for people a channel vouches for, and is for what an agent typed', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511999998888', { displayName: 'Maria Souza' }),
      event({ channel: 'telegram', externalUserId: '42', displayName: 'Ana' }),
    ]);
    core.customers.editor.create({ displayName: 'Loja do João', phone: '(11) 93333-4444' });
    expect(ownContacts()).toEqual(['Loja do João']);

    const ana = customerOf(core, 'telegram', '42')!;
    core.customers.editor.update(ana, { phone: '+55 21 98888-7777' });
    expect(ownContacts()).toEqual(['Ana', 'Loja do João']);

    // Whoever writes from any of these numbers joins the customer showing it.
    core.inbox.ingestBatch([
      event({ channel: 'sms', externalUserId: '+5511999998888' }),
      whatsapp('5521988887777'),
      whatsapp('5511933334444'),
    ]);
    expect(customerOf(core, 'sms', '+5511999998888')).toBe(
      customerOf(core, 'whatsapp', '5511999998888@c.us'),
    );
    expect(customerOf(core, 'whatsapp', '5521988887777@c.us')).toBe(ana);
    expect(customerOf(core, 'whatsapp', '5511933334444@c.us')).not.toBeNull();
    expect(core.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 3 });
    expect(search('+55 21 98')).toEqual(['Ana']);
    expect(search('+55 11 99')).toEqual(['Maria Souza']);
  });

  it('keeps finding what a visitor first typed after they type something else', () => {
    core = tempCore();
    core.inbox.ingest(
      event({
        channel: 'webchat',
        externalUserId: 'v-1',
        displayName: 'Visitante',
        phone: '+55 31 97777-6666',
        timestamp: iso(NOW - 2 * DAY),
      }),
    );
    core.inbox.ingest(
      event({
        channel: 'webchat',
        externalUserId: 'v-1',
        phone: '+55 31 95555-4444',
        timestamp: iso(NOW - DAY),
      }),
    );
    const visitor = customerOf(core, 'webchat', 'v-1')!;
    expect(core.customers.detail.get(visitor).phone).toBe('+5531977776666');
    expect(search('+55 31 97')).toEqual(['Visitante']);
    expect(search('+55 31 95')).toEqual(['Visitante']);
    // A WhatsApp customer with the first number is offered the visitor as a possible match.
    core.inbox.ingest(whatsapp('5531977776666', { displayName: 'Bia' }));
    const bia = customerOf(core, 'whatsapp', '5531977776666@c.us')!;
    expect(bia).not.toBe(visitor);
    expect(core.customers.detail.get(bia).possibleMatches.map((m) => m.customerId)).toEqual([
      visitor,
    ]);
  });
});
