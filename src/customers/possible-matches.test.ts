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
import { ownerSql } from './contact-lookup';
import { holdingSql } from './possible-matches';

let core: TestCore;
afterEach(() => core?.dispose());

const DAY = 86_400_000;
const matches = (id: number) => core.customers.detail.get(id).possibleMatches;

describe('possible matches', () => {
  it('names the visitor by the email they typed when they gave no name', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511999998888', { displayName: 'Maria Souza', timestamp: iso(NOW - DAY) }),
      event({ channel: 'webchat', externalUserId: 'v-1', phone: '11 99999-8888' }),
      event({ channel: 'webchat', externalUserId: 'v-2', email: 'ninguem@exemplo.com' }),
    ]);
    const maria = customerOf(core, 'whatsapp', '5511999998888@c.us')!;
    expect(matches(maria)).toEqual([
      {
        customerId: customerOf(core, 'webchat', 'v-1')!,
        label: '+55 11 99999-8888',
        reason: 'same_phone',
        keepId: maria,
      },
    ]);
    // Someone whose email nobody else has is nobody's match.
    expect(matches(customerOf(core, 'webchat', 'v-2')!)).toEqual([]);
  });

  it('a dismissed match is offered no more, on either side; another one still is', () => {
    core = tempCore();
    const shop = core.customers.editor.create({ displayName: 'Ana', email: 'ana@exemplo.com' });
    core.inbox.ingestBatch([
      event({ channel: 'webchat', externalUserId: 'v-1', email: 'ana@exemplo.com' }),
      event({ channel: 'webchat', externalUserId: 'v-2', email: 'ana@exemplo.com' }),
    ]);
    const [first, second] = [
      customerOf(core, 'webchat', 'v-1')!,
      customerOf(core, 'webchat', 'v-2')!,
    ];
    expect(matches(shop).map((m) => m.customerId)).toEqual([first, second]);
    const seen: string[] = [];
    core.bus.subscribe((events) =>
      seen.push(...events.map((e) => `${e.type} ${'customerId' in e ? e.customerId : ''}`)),
    );

    core.customers.editor.dismissMatch(first, shop);
    expect(matches(shop).map((m) => m.customerId)).toEqual([second]);
    expect(matches(first).map((m) => m.customerId)).toEqual([second]);
    // Both open details hear of it.
    expect(seen).toEqual([`customer.updated ${first}`, `customer.updated ${shop}`]);
    // Twice is once.
    core.customers.editor.dismissMatch(shop, first);
    expect(core.db.prepare('SELECT count(*) AS n FROM dismissed_matches').get()).toEqual({ n: 1 });
    // The dismissal goes with the customer.
    core.customers.editor.delete(first);
    expect(core.db.prepare('SELECT count(*) AS n FROM dismissed_matches').get()).toEqual({ n: 0 });
  });

  it('refuses to dismiss a customer against themselves or someone unknown, changing nothing', () => {
    core = tempCore();
    const ana = core.customers.editor.create({ displayName: 'Ana' });
    expect(() => core.customers.editor.dismissMatch(ana, ana)).toThrow(
      'Choose two different customers',
    );
    expect(() => core.customers.editor.dismissMatch(ana, 999)).toThrow(/not found/i);
    expect(core.db.prepare('SELECT count(*) AS n FROM dismissed_matches').get()).toEqual({ n: 0 });
  });

  it('shows at most ten, however many visitors typed the same email', () => {
    core = tempCore();
    const shop = core.customers.editor.create({ displayName: 'Loja', email: 'teste@teste.com' });
    core.inbox.ingestBatch(
      Array.from({ length: 25 }, (_, i) =>
        event({ channel: 'webchat', externalUserId: `v-${i}`, email: 'teste@teste.com' }),
      ),
    );
    expect(matches(shop)).toHaveLength(10);
  });

  it('links and finds matches through indexes only: no table is read through', () => {
    core = tempCore();
    const plan = (sql: string, params: unknown) =>
      (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    for (const kind of ['phone', 'email'] as const) {
      const owner = plan(ownerSql(kind), ['x', 'x']);
      expect(owner).toMatch(
        new RegExp(`customers_${kind} .* identities_customer .* identities_${kind}`),
      );
      const holders = plan(holdingSql(kind), { value: 'x' });
      expect(holders).toMatch(new RegExp(`customers_${kind} .* identities_${kind}`));
      for (const p of [owner, holders]) expect(p).not.toMatch(/SCAN (customers|identities)/);
    }
  });
});
