import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayEmulator, type GatewayEmulator } from './testing/android-gateway-emulator';
import { smsDriver } from './driver';

const never = new AbortController().signal;
let phone: GatewayEmulator;

beforeEach(async () => {
  phone = await startGatewayEmulator({ password: 'senha-do-celular', model: 'Galaxy A15' });
});
afterEach(() => phone.close());

const firstError = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('the SMS account form', () => {
  it('asks for the address, the user, (kept secret) the password and, if need be, the SIM', () => {
    expect(
      smsDriver.fields.map((f) => [f.key, f.type, f.secret ?? false, f.required ?? false]),
    ).toEqual([
      ['url', 'url', false, true],
      ['username', 'text', false, true],
      ['password', 'password', true, true],
      ['simNumber', 'number', false, false],
    ]);
    const parse = (simNumber: unknown) =>
      smsDriver.configSchema.safeParse({ url: phone.url, username: 'sms', simNumber });
    expect(parse(2).data).toEqual({ url: phone.url, username: 'sms', simNumber: 2 });
    for (const wrong of [0, 4, 1.5])
      expect(firstError(parse(wrong))).toBe(
        "The SIM is 1, 2 or 3; leave it empty to use the phone's default SIM",
      );
  });

  it('takes the address as people type it, and refuses what cannot be a phone on the network', () => {
    const parse = (url: string) => smsDriver.configSchema.safeParse({ url, username: 'sms' });
    expect(parse(' 192.168.0.50:8080/ ').data).toEqual({
      url: 'http://192.168.0.50:8080',
      username: 'sms',
    });
    expect(firstError(parse('ftp://192.168.0.50'))).toBe(
      'Give the address the SMS Gateway app shows, e.g. http://192.168.0.50:8080',
    );
    expect(firstError(parse('http://sms:senha@192.168.0.50:8080'))).toBe(
      'Leave the user and password out of the address: they have their own fields',
    );
    expect(firstError(smsDriver.configSchema.safeParse({ url: phone.url, username: ' ' }))).toBe(
      'Give the username shown in the app under Settings → Local Server',
    );
    expect(firstError(smsDriver.secretsSchema.safeParse({ password: '' }))).toBe(
      'Give the password shown in the app under Settings → Local Server',
    );
  });

  it('checks the phone before the account is saved and names it', async () => {
    const config = smsDriver.configSchema.parse({ url: phone.url, username: 'sms' });
    expect(await smsDriver.verify!(config, { password: 'senha-do-celular' }, never)).toBe(
      `Galaxy A15 (${new URL(phone.url).host})`,
    );
    await expect(smsDriver.verify!(config, { password: 'outra' }, never)).rejects.toThrow(
      /refused the username or password/,
    );
  });

  it('refuses, before saving, a phone too old for SMS Gateway to read its SMS by date', async () => {
    await phone.close();
    phone = await startGatewayEmulator({ password: 'senha-do-celular', android: 6 });
    const config = smsDriver.configSchema.parse({ url: phone.url, username: 'sms' });
    await expect(
      smsDriver.verify!(config, { password: 'senha-do-celular' }, never),
    ).rejects.toThrow(/runs Android 6 or older.*Clientela needs Android 7 or later/);
  });
});
