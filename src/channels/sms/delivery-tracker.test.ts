import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayEmulator, type GatewayEmulator } from './testing/android-gateway-emulator';
import { createAndroidGatewayProvider } from './android-gateway/provider';
import { createDeliveryTracker, type DeliveryTrackerOptions } from './delivery-tracker';
import type { SmsDelivery, SmsProvider } from './provider';

const HOUR = 3_600_000;
const never = new AbortController().signal;
let phone: GatewayEmulator;
let provider: SmsProvider;
let dir: string;
let now: number;
let reports: Array<[string, SmsDelivery]>;
let logs: string[];

beforeEach(async () => {
  phone = await startGatewayEmulator({ password: 'p' });
  provider = createAndroidGatewayProvider({ url: phone.url, username: 'sms', password: 'p' });
  dir = mkdtempSync(join(tmpdir(), 'clientela-sms-'));
  now = Date.parse('2026-11-24T12:00:00.000Z');
  reports = [];
  logs = [];
});
afterEach(async () => {
  await phone.close();
  rmSync(dir, { recursive: true, force: true });
});

const tracker = (overrides: Partial<DeliveryTrackerOptions> = {}) =>
  createDeliveryTracker({
    provider,
    dataDir: dir,
    report: (id, delivery) => reports.push([id, delivery]),
    giveUpAfterMs: 72 * HOUR,
    now: () => now,
    log: { info: (line) => logs.push(line), error: (line) => logs.push(line) },
    ...overrides,
  });

const statusReads = (id: string) =>
  phone.requests.filter((r) => r.method === 'GET' && r.path === `/messages/${id}`).length;

describe('following sent SMS', () => {
  it('reports only changes, and stops asking once the state is final', async () => {
    const { id } = await provider.send({ to: '+5511999998888', text: 'Olá', key: '1' }, never);
    const follow = tracker();
    follow.track(id, 'queued');
    await follow.check(never);
    expect(reports).toEqual([]);

    phone.setState(id, 'Sent');
    await follow.check(never);
    await follow.check(never);
    phone.setState(id, 'Delivered');
    await follow.check(never);
    await follow.check(never);
    expect(reports.map(([, d]) => d.state)).toEqual(['sent', 'delivered']);
    expect(statusReads(id)).toBe(4);
  });

  it('gives up on a message whose carrier never sends a delivery report', async () => {
    const { id } = await provider.send({ to: '+5511999998888', text: 'Olá', key: '1' }, never);
    phone.setState(id, 'Sent');
    const follow = tracker();
    follow.track(id, 'sent');
    now += 73 * HOUR;
    await follow.check(never);
    await follow.check(never);
    expect(statusReads(id)).toBe(1);
    expect(reports).toEqual([]);
  });

  it('drops a message the phone no longer keeps', async () => {
    const follow = tracker();
    follow.track('apagada-do-celular', 'queued');
    await follow.check(never);
    await follow.check(never);
    expect(statusReads('apagada-do-celular')).toBe(1);
  });

  it('picks up where an earlier run left, and survives a damaged list', async () => {
    const { id } = await provider.send({ to: '+5511999998888', text: 'Olá', key: '1' }, never);
    tracker().track(id, 'queued');
    phone.setState(id, 'Failed', 'sendSMS: Invalid phone number type');
    await tracker().check(never);
    expect(reports).toEqual([
      [
        id,
        {
          state: 'failed',
          error: 'The phone could not send the SMS: sendSMS: Invalid phone number type',
        },
      ],
    ]);

    writeFileSync(join(dir, 'in-flight.json'), '{not json');
    const fresh = tracker();
    await fresh.check(never);
    expect(logs.some((line) => line.includes('is damaged'))).toBe(true);
  });
});
