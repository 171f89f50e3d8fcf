import { afterEach, describe, expect, it } from 'vitest';
import { registryOf } from './channels/registry';
import { createChannelService, type ChannelService } from './channels/service';
import { emulatedChannel, REFUSED_TOKEN } from './channels/testing/channel-emulator';
import { tempCore, type TestCore } from './testing/fixtures';
import { until } from './testing/waiting';
import type { ApiError } from './api/errors';
import { invoke } from './api/invoke';
import { createHandlers } from './handlers';

const TOKEN = '123456:AAH-secret-token-value';

let core: TestCore;
let channels: ChannelService;
afterEach(async () => {
  await channels?.stop();
  core?.dispose();
});

function setup() {
  core = tempCore();
  channels = createChannelService(core, {
    registry: registryOf([emulatedChannel('telegram').driver]),
    log: { info: () => undefined, error: () => undefined },
  });
  const handlers = createHandlers(core, channels);
  return (method: string, input: unknown) => invoke(handlers, method, input);
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as ApiError,
  );

describe('channels in the API', () => {
  it('offers each channel’s form, and adds, lists and removes accounts', async () => {
    const call = setup();
    expect(await call('channels.drivers', {})).toEqual([
      {
        channel: 'telegram',
        fields: [
          { key: 'token', type: 'password', secret: true, required: true },
          { key: 'apiRoot', type: 'url', placeholder: 'https://api.telegram.org' },
          { key: 'allowGroups', type: 'boolean' },
        ],
      },
    ]);
    const added = await call('channels.add', {
      channel: 'telegram',
      account: 'loja',
      fields: { token: TOKEN, apiRoot: 'http://127.0.0.1:8081', allowGroups: false },
    });
    expect(added).toMatchObject({
      channel: 'telegram',
      account: 'loja',
      label: '@bot_123456',
      config: { apiRoot: 'http://127.0.0.1:8081', allowGroups: false },
      enabled: true,
      status: 'stopped',
      detail: null,
    });
    expect(await call('channels.list', undefined)).toEqual([added]);
    expect(await call('channels.remove', { channel: 'telegram', account: 'loja' })).toEqual({
      deleted: true,
    });
    expect(await call('channels.list', {})).toEqual([]);
  });

  it('answers a wrong account with a sentence a person can act on, and changes nothing', async () => {
    const call = setup();
    const refused = await failure(
      call('channels.add', { channel: 'telegram', fields: { token: REFUSED_TOKEN } }),
    );
    expect(refused).toMatchObject({
      code: 'bad_input',
      message: 'The Telegram account could not be checked: Unauthorized: the token was revoked',
    });
    expect((await failure(call('channels.add', { channel: 'fax', fields: {} }))).message).toMatch(
      /^Channel: /,
    );
    expect(
      (await failure(call('channels.add', { channel: 'telegram', account: 'Loja Centro' })))
        .message,
    ).toBe('account: An account name has 1 to 40 lower-case letters, digits, "-" or "_"');
    expect(
      (await failure(call('channels.remove', { channel: 'telegram', account: 'nada' }))).code,
    ).toBe('not_found');
    expect(await call('channels.list', {})).toEqual([]);
  });

  it('runs an action only on a connected account, saying why not otherwise', async () => {
    const call = setup();
    await call('channels.add', { channel: 'telegram', fields: { token: TOKEN } });
    expect(
      (
        await failure(
          call('channels.action', { channel: 'telegram', account: 'default', action: 'ping' }),
        )
      ).message,
    ).toBe('The Telegram account "default" is not connected now');
    await channels.start();
    const deadline = Date.now() + 5_000;
    while (channels.supervisor.state('telegram', 'default').status !== 'connected') {
      if (Date.now() > deadline) throw new Error('the account did not connect');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(
      await call('channels.action', { channel: 'telegram', account: 'default', action: 'ping' }),
    ).toEqual({ done: true });
  });

  it('pauses and resumes an account: its connector stops and starts, the list says so', async () => {
    const call = setup();
    await call('channels.add', { channel: 'telegram', fields: { token: TOKEN } });
    await channels.start();
    const connected = () => channels.supervisor.state('telegram', 'default').status === 'connected';
    await until(connected, 'connected');
    const ref = { channel: 'telegram', account: 'default' };
    expect(await call('channels.setEnabled', { ...ref, enabled: false })).toMatchObject({
      ...ref,
      enabled: false,
      status: 'stopped',
    });
    expect(await call('channels.list', {})).toMatchObject([{ enabled: false, status: 'stopped' }]);
    expect(await call('channels.setEnabled', { ...ref, enabled: true })).toMatchObject({
      enabled: true,
    });
    await until(connected, 'connected again');
    expect(await call('channels.list', {})).toMatchObject([{ enabled: true, status: 'connected' }]);
  });

  it('refuses a pause without a yes or no, or for an account that does not exist', async () => {
    const call = setup();
    expect(
      await failure(call('channels.setEnabled', { channel: 'telegram', account: 'default' })),
    ).toMatchObject({ code: 'bad_input', message: 'Active: Required' });
    expect(
      await failure(
        call('channels.setEnabled', { channel: 'telegram', account: 'nada', enabled: false }),
      ),
    ).toMatchObject({ code: 'not_found', message: 'There is no Telegram account named "nada"' });
  });

  it('never returns the token, not even in an error', async () => {
    const call = setup();
    const results = [
      await call('channels.add', { channel: 'telegram', fields: { token: TOKEN } }),
      await call('channels.list', {}),
      await call('channels.drivers', {}),
      await failure(
        call('channels.add', { channel: 'telegram', account: 'default', fields: { token: TOKEN } }),
      ),
    ];
    const shown = JSON.stringify(results, (_key, value: unknown) =>
      value instanceof Error
        ? { message: value.message, details: (value as ApiError).details }
        : value,
    );
    expect(shown).toContain('already a Telegram account named');
    expect(shown).not.toContain(TOKEN);
  });
});
