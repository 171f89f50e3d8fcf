/**
 * One person's data over host mode: the export's download and the erasure, as a browser and an
 * attacker reach them. Both take the token (an export hands over everything about a person); the
 * download is never cached; every refusal changes nothing and logs nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERSON, seedPerson } from '../privacy/testing/person';
import { readZip } from '../privacy/testing/read-zip';
import { tempCore, type TestCore } from '../testing/fixtures';
import { createHostServer, type HostServer } from './host-server';

const TOKEN = 'test-token-0123456789';

let core: TestCore;
let server: HostServer;
let base: string;
let id: number;
beforeEach(async () => {
  core = tempCore();
  id = seedPerson(core);
  server = await createHostServer(core, { port: 0, token: TOKEN, staticDir: core.dir });
  base = `http://127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await server.close();
  core.dispose();
});

const bearer = { Authorization: `Bearer ${TOKEN}` };
const download = (customer: string | number, headers: Record<string, string> = bearer) =>
  fetch(`${base}/api/customers/${customer}/export.zip`, { headers });
const rpc = (method: string, input: unknown, headers: Record<string, string> = bearer) =>
  fetch(`${base}/api/rpc/${method}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
const logged = () => core.privacy.log(50).map(({ kind, origin }) => `${kind} ${origin}`);
const exists = (customer: number) => {
  try {
    core.customers.detail.get(customer);
    return true;
  } catch {
    return false;
  }
};

describe("a customer's data export over host mode", () => {
  it('downloads her zip with the token, never to be cached, and logs it as host mode', async () => {
    const response = await download(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="clientela-cliente-${id}-2026-11-24.zip"`,
    );
    const file = join(core.dir, 'download.zip');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const data = JSON.parse(readZip(file)['customer.json']!.toString());
    expect(data.customer.email).toBe(PERSON.email);
    expect(logged()).toEqual(['export host']);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer wrong-token-0123456789' }],
    ['a token in the address only to a page', { Cookie: 'clientela_session=forged' }],
  ])('is refused with %s (401), logging nothing', async (_, headers) => {
    const response = await download(id, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).not.toBe('application/zip');
    expect(logged()).toEqual([]);
  });

  it("is refused to another site's page (403), logging nothing", async () => {
    const response = await download(id, { ...bearer, Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(logged()).toEqual([]);
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '99999999999999999999', '%00', ' '])(
    'refuses the customer number %j (400)',
    async (bad) => {
      const response = await download(bad);
      expect(response.status).toBe(400);
      expect(logged()).toEqual([]);
    },
  );

  it('says a customer who does not exist is not found (404)', async () => {
    const response = await download(9999);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(logged()).toEqual([]);
  });

  it('takes no other verb (405)', async () => {
    const response = await fetch(`${base}/api/customers/${id}/export.zip`, {
      method: 'POST',
      headers: bearer,
    });
    expect(response.status).toBe(405);
  });
});

describe('erasing a customer over host mode', () => {
  it('erases her with the token, logged as host mode', async () => {
    const response = await rpc('customers.erase', { id });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ customerId: id, walEmptied: true });
    expect(exists(id)).toBe(false);
    const log = await rpc('dataRequests.list', {});
    expect(((await log.json()) as { kind: string; origin: string }[])[0]).toMatchObject({
      kind: 'erase',
      customerId: id,
      origin: 'host',
    });
  });

  it('is refused without the token (401) or from another site (403), erasing nothing', async () => {
    expect((await rpc('customers.erase', { id }, {})).status).toBe(401);
    expect(
      (await rpc('customers.erase', { id }, { ...bearer, Origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(exists(id)).toBe(true);
    expect(logged()).toEqual([]);
  });

  it.each([{ id: 'abc' }, { id: true }, { id: [id] }, {}, { id: -1 }])(
    'refuses %j (400), erasing nothing',
    async (input) => {
      const response = await rpc('customers.erase', input);
      expect(response.status).toBe(400);
      expect(exists(id)).toBe(true);
      expect(logged()).toEqual([]);
    },
  );

  it('says a customer who does not exist is not found (404), logging nothing', async () => {
    expect((await rpc('customers.erase', { id: 9999 })).status).toBe(404);
    expect(logged()).toEqual([]);
  });

  it('refuses a log length out of bounds (400)', async () => {
    expect((await rpc('dataRequests.list', { limit: 0 })).status).toBe(400);
    expect((await rpc('dataRequests.list', { limit: 100_000 })).status).toBe(400);
  });
});
